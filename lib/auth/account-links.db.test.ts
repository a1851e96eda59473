import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountLinks, auditLog } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createApiToken, listApiTokens } from "./api-tokens";
import {
  acceptInvitation,
  createInvitation,
  createPasswordResetLink,
  findOpenLink,
  LinkGoneError,
  listPendingInvitations,
  redeemResetLink,
  revokeInvitation,
} from "./account-links";
import { checkCredentials } from "./options";
import { changeRole, setDisabled } from "./people";
import { hashToken } from "./token-hash";
import { createUser, getActiveUser, type CurrentUser } from "./users";

let test: TestDatabase;
let admin: CurrentUser;
const ip = "127.0.0.1";
const chosen = { password: "a-long-new-password", confirmPassword: "a-long-new-password" };

beforeAll(async () => {
  test = await createTestDatabase();
  const a = await createUser({ email: "chief@test.test", name: "Chief", role: "admin", password: "chief-long-password" });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
});

afterAll(async () => {
  vi.useRealTimers();
  await test.dispose();
});

async function auditActions() {
  return (await test.db.select({ action: auditLog.action }).from(auditLog)).map((row) => row.action);
}

describe("invitations", () => {
  it("stop working, with the reset links they handed out, when the admin who made them is demoted or disabled", async () => {
    const a = await createUser({ email: "second@test.test", name: "Second Admin", role: "admin", password: "second-long-password" });
    const second: CurrentUser = { id: a.id, email: a.email, name: a.name, role: a.role };
    const invited = await createInvitation(second, { email: "quinn@test.test", name: "Quinn", role: "admin" }, ip);
    const target = await createUser({ email: "rory@test.test", name: "Rory", role: "writer", password: "rory-long-password" });
    const reset = await createPasswordResetLink(second, target.id, ip);
    const kept = await createInvitation(admin, { email: "sol@test.test", name: "Sol", role: "writer" }, ip);

    await changeRole(admin, second.id, "editor", ip);

    expect(await findOpenLink(invited.token, "invitation")).toBeNull();
    expect(await findOpenLink(reset.token, "password_reset")).toBeNull();
    await expect(acceptInvitation(invited.token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    expect(await findOpenLink(kept.token, "invitation")).not.toBeNull();
    const [entry] = await test.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, "user.role_change"));
    expect(entry?.details).toMatchObject({ to: "editor", linksWithdrawn: 2 });

    // Disabling does the same for an admin who is still one.
    await changeRole(admin, second.id, "admin", ip);
    const again = await createInvitation(second, { email: "uma@test.test", name: "Uma", role: "writer" }, ip);
    await setDisabled(admin, second.id, true, ip);
    expect(await findOpenLink(again.token, "invitation")).toBeNull();
  });

  it("store only a hash of a 128-bit token, and make the account once, with the invited name and role", async () => {
    const { token } = await createInvitation(admin, { email: "Ivy@Test.test", name: "Ivy Invitee", role: "editor" }, ip);
    expect(token).toMatch(/^[\w-]{22}$/);
    const [row] = await test.db.select().from(accountLinks).where(eq(accountLinks.tokenHash, hashToken(token)));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await findOpenLink(token, "invitation")).toEqual({ email: "ivy@test.test", name: "Ivy Invitee", role: "editor" });
    // A reset page does not take an invitation's token.
    expect(await findOpenLink(token, "password_reset")).toBeNull();

    const user = await acceptInvitation(token, chosen, ip);
    expect(user).toMatchObject({ email: "ivy@test.test", name: "Ivy Invitee", role: "editor" });
    expect((await checkCredentials({ email: "ivy@test.test", password: chosen.password }, ip)).ok).toBe(true);
    expect(await findOpenLink(token, "invitation")).toBeNull();
    await expect(acceptInvitation(token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    expect(await auditActions()).toEqual(expect.arrayContaining(["invitation.create", "user.create", "invitation.accept"]));
  });

  it("refuse a short password or two that differ, and leave the link usable", async () => {
    const { token } = await createInvitation(admin, { email: "pat@test.test", name: "Pat", role: "writer" }, ip);
    await expect(acceptInvitation(token, { password: "short", confirmPassword: "short" }, ip)).rejects.toMatchObject({
      status: 422,
      fieldErrors: { password: "Use at least 12 characters" },
    });
    await expect(acceptInvitation(token, { password: chosen.password, confirmPassword: "something-else-entirely" }, ip)).rejects.toMatchObject({
      fieldErrors: { confirmPassword: "The two passwords differ" },
    });
    expect(await findOpenLink(token, "invitation")).not.toBeNull();
  });

  it("cannot be accepted twice at once", async () => {
    const { token } = await createInvitation(admin, { email: "twin@test.test", name: "Twin", role: "writer" }, ip);
    const results = await Promise.allSettled([acceptInvitation(token, chosen, ip), acceptInvitation(token, chosen, ip)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("expire after 7 days", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { token } = await createInvitation(admin, { email: "late@test.test", name: "Late", role: "writer" }, ip);
    vi.setSystemTime(Date.now() + 7 * 86_400_000 - 60_000);
    expect(await findOpenLink(token, "invitation")).not.toBeNull();
    vi.setSystemTime(Date.now() + 120_000);
    expect(await findOpenLink(token, "invitation")).toBeNull();
    expect((await listPendingInvitations()).map((row) => row.email)).not.toContain("late@test.test");
    await expect(acceptInvitation(token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    vi.useRealTimers();
  });

  it("can be withdrawn, and a new one for the same address replaces the old", async () => {
    const first = await createInvitation(admin, { email: "sam@test.test", name: "Sam", role: "writer" }, ip);
    const second = await createInvitation(admin, { email: "sam@test.test", name: "Sam", role: "writer" }, ip);
    expect(await findOpenLink(first.token, "invitation")).toBeNull();
    expect((await listPendingInvitations()).filter((row) => row.email === "sam@test.test")).toEqual([
      expect.objectContaining({ id: second.id, role: "writer" }),
    ]);
    expect(await revokeInvitation(admin, second.id, ip)).toBe(true);
    expect(await revokeInvitation(admin, second.id, ip)).toBe(false);
    await expect(acceptInvitation(second.token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    expect(await auditActions()).toContain("invitation.revoke");
  });

  it("are refused for an address someone already uses, next to the e-mail field", async () => {
    await expect(createInvitation(admin, { email: "CHIEF@test.test", name: "Again", role: "writer" }, ip)).rejects.toMatchObject({
      status: 409,
      fieldErrors: { email: "Someone already uses chief@test.test" },
    });
    await expect(createInvitation(admin, { email: "not an address", name: "", role: "boss" }, ip)).rejects.toMatchObject({
      status: 422,
      fieldErrors: { email: "Enter an e-mail address", name: "Enter a name", role: expect.any(String) },
    });
  });

  it("an unknown or absurd token is simply gone", async () => {
    expect(await findOpenLink("nothing-like-a-token", "invitation")).toBeNull();
    await expect(acceptInvitation("x".repeat(5000), chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
  });
});

describe("password reset links", () => {
  it("set the chosen password once, end the sessions and revoke the API tokens", async () => {
    const w = await createUser({ email: "wes@test.test", name: "Wes", role: "writer", password: "wes-long-password" });
    const before = await checkCredentials({ email: "wes@test.test", password: "wes-long-password" }, ip);
    const version = before.ok ? before.user.sessionVersion : 0;
    await createApiToken({ id: w.id, email: w.email, name: w.name, role: w.role }, { name: "script", expiresInDays: 30 });

    const { token, expiresAt } = await createPasswordResetLink(admin, w.id, ip);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    // Making the link changes nothing yet.
    expect(await getActiveUser(w.id, version)).not.toBeNull();
    expect(await findOpenLink(token, "password_reset")).toMatchObject({ email: "wes@test.test" });

    await redeemResetLink(token, chosen, ip);
    expect(await getActiveUser(w.id, version)).toBeNull();
    expect((await listApiTokens(w.id)).map((row) => row.state)).toEqual(["revoked"]);
    expect((await checkCredentials({ email: "wes@test.test", password: "wes-long-password" }, ip)).ok).toBe(false);
    expect((await checkCredentials({ email: "wes@test.test", password: chosen.password }, ip)).ok).toBe(true);
    await expect(redeemResetLink(token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    expect(await auditActions()).toEqual(expect.arrayContaining(["user.reset_link_create", "user.password_reset"]));
  });

  it("expire after a day, and a newer link replaces an older one", async () => {
    const w = await createUser({ email: "val@test.test", name: "Val", role: "writer", password: "val-long-password" });
    const older = await createPasswordResetLink(admin, w.id, ip);
    const newer = await createPasswordResetLink(admin, w.id, ip);
    await expect(redeemResetLink(older.token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3_600_000 + 1000);
    await expect(redeemResetLink(newer.token, chosen, ip)).rejects.toBeInstanceOf(LinkGoneError);
    vi.useRealTimers();
  });
});
