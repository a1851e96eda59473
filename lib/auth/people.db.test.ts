import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { RuleError } from "@/lib/errors";
import { authOptions, checkCredentials } from "./options";
import { changeRole, resetPassword, setDisabled, updatePerson } from "./people";
import { createUser, getActiveUser, getPerson, type CurrentUser } from "./users";

let test: TestDatabase;
let admin: CurrentUser;
let writerId: number;

beforeAll(async () => {
  test = await createTestDatabase();
  const a = await createUser({ email: "boss@test.test", name: "Boss", role: "admin", password: "boss-long-password" });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
  writerId = (await createUser({ email: "wren@test.test", name: "Wren", role: "writer", password: "wren-long-password" })).id;
});

afterAll(async () => {
  await test.dispose();
});

describe("people", () => {
  it("a password reset replaces the old password and ends the old sessions", async () => {
    const before = await checkCredentials({ email: "wren@test.test", password: "wren-long-password" }, "127.0.0.1");
    expect(before.ok).toBe(true);
    const version = before.ok ? before.user.sessionVersion : 0;
    expect(await getActiveUser(writerId, version)).not.toBeNull();
    const password = await resetPassword(admin, writerId, "127.0.0.1");
    expect(await getActiveUser(writerId, version)).toBeNull();
    expect((await checkCredentials({ email: "wren@test.test", password: "wren-long-password" }, "127.0.0.1")).ok).toBe(false);
    expect((await checkCredentials({ email: "WREN@test.test", password }, "127.0.0.1")).ok).toBe(true);
  });

  it.each([
    ["demoting the last admin", () => changeRole(admin, admin.id, "editor", "127.0.0.1"), "The newsroom needs at least one admin: make someone else admin first."],
    ["an operator disabling the last admin", () => setDisabled(null, admin.id, true, undefined), "The last admin cannot be disabled."],
    ["disabling your own account", () => setDisabled(admin, admin.id, true, "127.0.0.1"), "You cannot disable your own account."],
  ])("refuses %s", async (_, command, message) => {
    const refusal = command();
    await expect(refusal).rejects.toBeInstanceOf(RuleError);
    await expect(refusal).rejects.toThrow(message);
  });

  it("a disabled account cannot sign in, with the same answer as a wrong password", async () => {
    await setDisabled(admin, writerId, true, "127.0.0.1");
    const outcome = await checkCredentials({ email: "wren@test.test", password: "anything-at-all" }, "127.0.0.2");
    expect(outcome).toEqual({ ok: false });
  });
});

describe("editing a person", () => {
  it("changes name and e-mail; the new address signs in", async () => {
    const id = (await createUser({ email: "ed@test.test", name: "Ed", role: "writer", password: "ed-long-password" })).id;
    await updatePerson(admin, id, { name: "  Edwina Example ", email: "Edwina@Test.test" }, "127.0.0.1");
    expect(await getPerson(id)).toMatchObject({ name: "Edwina Example", email: "edwina@test.test" });
    expect((await checkCredentials({ email: "edwina@test.test", password: "ed-long-password" }, "127.0.0.9")).ok).toBe(true);
  });

  it.each([
    ["an address someone else uses", { name: "Ed", email: "BOSS@test.test" }, { email: "Someone already uses boss@test.test" }],
    ["a bad address and an empty name", { name: " ", email: "nope" }, { email: "Enter an e-mail address", name: "Enter a name" }],
  ])("refuses %s next to the field, changing nothing", async (_, input, fieldErrors) => {
    await expect(updatePerson(admin, writerId, input, "127.0.0.1")).rejects.toMatchObject({ fieldErrors });
    expect(await getPerson(writerId)).toMatchObject({ name: "Wren", email: "wren@test.test" });
  });
});

describe("session cookies", () => {
  it("are Secure when the site is served over https", () => {
    expect(authOptions("https://news.example.org").useSecureCookies).toBe(true);
    expect(authOptions("http://localhost:3000").useSecureCookies).toBe(false);
  });
});
