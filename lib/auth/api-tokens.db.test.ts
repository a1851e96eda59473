import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiTokens, auditLog } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import { DomainError, ForbiddenError, ValidationError } from "@/lib/errors";
import { authenticateApiToken, createApiToken, LAST_USED_PRECISION_MS, listApiTokens, revokeApiToken } from "./api-tokens";
import { changeOwnPassword, changeRole, resetPassword, setDisabled } from "./people";
import { createUser, type CurrentUser, type Role } from "./users";
import * as mediaRoute from "@/app/api/admin/media/route";

// Tokens end with the trust they were made under: a password reset or change, a demotion or a
// disabled account revokes them. Admins see and revoke anyone's; tokens expire.

let test: TestDatabase;
let staff: Record<Role, CurrentUser>;
let person: CurrentUser;
let serial = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  staff = await createNewsroomUsers("tokens", ["admin", "editor", "writer"]);
});

beforeEach(async () => {
  const user = await createUser({ email: `person-${++serial}@tokens.test`, name: `Person ${serial}`, role: "editor", password: "person-long-password" });
  person = { id: user.id, email: user.email, name: user.name, role: user.role };
});

afterAll(async () => {
  await test.dispose();
});

const ninetyDays = { name: "script", expiresInDays: 90 } as const;

async function expectRevoked(token: string) {
  expect(await authenticateApiToken(token)).toBeNull();
  const rows = await listApiTokens(person.id);
  expect(rows.every((row) => row.revokedAt !== null)).toBe(true);
}

describe("a change of trust revokes the person's tokens", () => {
  it("a password reset by an admin", async () => {
    const { token } = await createApiToken(person, ninetyDays);
    expect(await authenticateApiToken(token)).toMatchObject({ id: person.id });
    await resetPassword(staff.admin, person.id, "127.0.0.1");
    await expectRevoked(token);
  });

  it("changing one's own password", async () => {
    const { token } = await createApiToken(person, ninetyDays);
    await changeOwnPassword(person, "person-long-password", "a-brand-new-password", "127.0.0.1");
    await expectRevoked(token);
  });

  it("a demotion, while a promotion keeps them", async () => {
    const { token } = await createApiToken(person, ninetyDays);
    await changeRole(staff.admin, person.id, "admin", "127.0.0.1");
    expect(await authenticateApiToken(token)).toMatchObject({ id: person.id, role: "admin" });
    await changeRole(staff.admin, person.id, "writer", "127.0.0.1");
    await expectRevoked(token);
  });

  it("disabling, and enabling again does not bring them back", async () => {
    const { token } = await createApiToken(person, ninetyDays);
    await setDisabled(staff.admin, person.id, true, "127.0.0.1");
    await setDisabled(staff.admin, person.id, false, "127.0.0.1");
    await expectRevoked(token);
  });
});

describe("admins and other people's tokens", () => {
  it("an admin lists and revokes another person's token, and the log says so", async () => {
    const { id, token } = await createApiToken(person, ninetyDays);
    expect((await listApiTokens(person.id)).map((row) => row.id)).toEqual([id]);
    expect(await revokeApiToken(staff.admin, id, "127.0.0.1")).toBe(true);
    expect(await authenticateApiToken(token)).toBeNull();
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "token.revoke"), eq(auditLog.targetId, String(id))));
    expect(entry).toMatchObject({ actorId: staff.admin.id, details: { ownerId: person.id } });
  });

  it.each(["editor", "writer"] as const)("%s: cannot revoke someone else's token (403)", async (role) => {
    const { id, token } = await createApiToken(person, ninetyDays);
    const refusal = await revokeApiToken(staff[role], id, "127.0.0.1").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect((refusal as DomainError).status).toBe(403);
    expect(await authenticateApiToken(token)).toMatchObject({ id: person.id });
  });

  it("anyone revokes their own token", async () => {
    const { id, token } = await createApiToken(staff.writer, ninetyDays);
    expect(await revokeApiToken(staff.writer, id, "127.0.0.1")).toBe(true);
    expect(await authenticateApiToken(token)).toBeNull();
  });
});

describe("expiry and last use", () => {
  it("a token expires after the days chosen, or never", async () => {
    const before = Date.now();
    await createApiToken(person, { name: "month", expiresInDays: 30 });
    await createApiToken(person, { name: "forever", expiresInDays: null });
    const rows = await listApiTokens(person.id);
    const month = rows.find((row) => row.name === "month")!;
    expect(month.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(month.expiresAt!.getTime() - before).toBeLessThan(31 * 86_400_000);
    expect(rows.find((row) => row.name === "forever")!.expiresAt).toBeNull();
  });

  it("an expired token is refused with 401 and a message saying it expired", async () => {
    const { id, token } = await createApiToken(person, ninetyDays);
    await test.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
    const refusal = await authenticateApiToken(token).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(401);
    expect((refusal as DomainError).message).toMatch(/expired/i);
  });

  it("the admin API answers an expired token 401 saying it expired", async () => {
    const { id, token } = await createApiToken(person, ninetyDays);
    await test.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
    const request = new NextRequest("http://localhost/api/admin/media", { headers: { authorization: `Bearer ${token}` } });
    const response = await mediaRoute.GET(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/^That API token expired on .+\. Create a new one under Account\.$/);
  });

  it("refuses a lifetime that is not offered", async () => {
    await expect(createApiToken(person, { name: "odd", expiresInDays: 7 })).rejects.toBeInstanceOf(ValidationError);
  });

  it("records when a token was last used", async () => {
    const { id, token } = await createApiToken(person, ninetyDays);
    expect((await listApiTokens(person.id)).find((row) => row.id === id)!.lastUsedAt).toBeNull();
    await authenticateApiToken(token);
    expect((await listApiTokens(person.id)).find((row) => row.id === id)!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("writes the last use again only once the one recorded is a minute old", async () => {
    const { id, token } = await createApiToken(person, ninetyDays);
    const lastUsed = async () => (await listApiTokens(person.id)).find((row) => row.id === id)!.lastUsedAt!;
    await authenticateApiToken(token);
    const first = await lastUsed();
    await authenticateApiToken(token);
    expect(await lastUsed()).toEqual(first);
    const aMinuteAgo = new Date(Date.now() - LAST_USED_PRECISION_MS);
    await test.db.update(apiTokens).set({ lastUsedAt: aMinuteAgo }).where(eq(apiTokens.id, id));
    await authenticateApiToken(token);
    expect((await lastUsed()).getTime()).toBeGreaterThan(aMinuteAgo.getTime());
  });
});
