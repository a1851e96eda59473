import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { form } from "@/lib/actions/testing";
import { RuleError } from "@/lib/errors";
import { signInAs } from "@/lib/testing/signed-in";
import { checkCredentials } from "./options";
import { readSessionCookie } from "./session-token";
import { signInWithCode, signInWithPassword } from "./sign-in";
import { ACCOUNT_FAILURES_ALLOWED, signInRetryAfter } from "./sign-in-throttle";
import { totpCode } from "./totp";
import { confirmTwoFactor, hasTwoFactor, mustSetUpTwoFactor, resetTwoFactor, startTwoFactorSetup, turnOffTwoFactor, twoFactorState } from "./two-factor";
import { createUser, getActiveUser, type CurrentUser } from "./users";

const flags = vi.hoisted(() => ({ requireTwoFactor: false }));
vi.mock("@/lib/env", async (original) => {
  const actual = await original<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), requireTwoFactor: flags.requireTwoFactor }) };
});

let test: TestDatabase;
const ip = "10.9.9.9";

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-at-least-32-characters";
  test = await createTestDatabase();
});

afterAll(async () => {
  vi.useRealTimers();
  await test.dispose();
});

async function person(email: string, role: CurrentUser["role"] = "writer"): Promise<CurrentUser> {
  const user = await createUser({ email, name: email.split("@")[0]!, role, password: `${email}-password` });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Sets up two-factor sign-in as the Account page does; the secret the app would have taken. */
async function enrol(user: CurrentUser): Promise<string> {
  await startTwoFactorSetup(user);
  const state = await twoFactorState(user);
  if (state.on || !state.setup) throw new Error("no setup");
  await confirmTwoFactor(user, totpCode(state.setup.secret), ip);
  return state.setup.secret;
}

describe("setting up two-factor sign-in", () => {
  it("shows a secret and an otpauth:// address, and is on only after a right code", async () => {
    const kit = await person("kit@test.test");
    expect(await twoFactorState(kit)).toEqual({ on: false, setup: null });
    await startTwoFactorSetup(kit);
    const state = await twoFactorState(kit);
    expect(state.on).toBe(false);
    const setup = !state.on ? state.setup! : null;
    expect(setup?.uri).toContain(`secret=${setup?.secret}`);
    expect(setup?.qrSvg).toMatch(/^<svg/);
    // Not on yet: sign-in still takes the password alone.
    expect((await checkCredentials({ email: "kit@test.test", password: "kit@test.test-password" }, ip)).ok).toBe(true);
    await expect(confirmTwoFactor(kit, "000000", ip)).rejects.toBeInstanceOf(RuleError);
    expect(await hasTwoFactor(kit.id)).toBe(false);
    await confirmTwoFactor(kit, totpCode(setup!.secret), ip);
    expect(await twoFactorState(kit)).toEqual({ on: true });
    await expect(startTwoFactorSetup(kit)).rejects.toThrow("already on");
  });
});

describe("signing in with two-factor", () => {
  it("asks for the code after the password, and a code works once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const ana = await person("ana@test.test");
    const secret = await enrol(ana);
    // The confirming code is spent: the next one is from the next step.
    vi.setSystemTime(Date.now() + 30_000);
    const first = await signInWithPassword({ email: "ana@test.test", password: "ana@test.test-password" }, ip);
    if (first.ok !== "code") throw new Error("expected to be asked for a code");
    expect(await readSessionCookie(first.pending.value)).toBeNull();
    const code = totpCode(secret);
    const signedIn = await signInWithCode(first.pending.value, code, ip);
    expect(signedIn.ok === true && (await readSessionCookie(signedIn.cookie.value))).toEqual({ uid: ana.id, sv: 1 });
    // The same code again, within its 30 seconds: refused, and counted.
    const again = await signInWithCode(first.pending.value, code, ip);
    expect(again).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("not right") } });
    // next-auth's endpoint takes the code with the password, and refuses without it.
    expect(await checkCredentials({ email: "ana@test.test", password: "ana@test.test-password" }, ip)).toMatchObject({ ok: false, codeNeeded: { id: ana.id } });
    vi.setSystemTime(Date.now() + 30_000);
    const withCode = await checkCredentials({ email: "ana@test.test", password: "ana@test.test-password", code: totpCode(secret) }, ip);
    expect(withCode.ok).toBe(true);
    vi.useRealTimers();
  });

  it("counts wrong codes toward the sign-in throttle", async () => {
    await enrol(await person("max@test.test"));
    const first = await signInWithPassword({ email: "max@test.test", password: "max@test.test-password" }, ip);
    if (first.ok !== "code") throw new Error("expected to be asked for a code");
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) {
      expect((await signInWithCode(first.pending.value, "123456", ip)).ok).toBe(false);
    }
    expect(await signInRetryAfter("max@test.test", ip)).toBeGreaterThan(0);
    expect(await signInWithCode(first.pending.value, "123456", ip)).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many failed/) });
  });

  it("sends back to the password when the pending cookie is missing, forged or the account changed", async () => {
    const lee = await person("lee@test.test");
    await enrol(lee);
    expect(await signInWithCode(undefined, "123456", ip)).toMatchObject({ ok: false, restart: true });
    expect(await signInWithCode("forged", "123456", ip)).toMatchObject({ ok: false, restart: true });
    const first = await signInWithPassword({ email: "lee@test.test", password: "lee@test.test-password" }, ip);
    if (first.ok !== "code") throw new Error("expected to be asked for a code");
    const admin = await person("root@test.test", "admin");
    await resetTwoFactor(admin, lee.id, ip);
    expect(await signInWithCode(first.pending.value, "123456", ip)).toMatchObject({ ok: false, restart: true });
  });
});

describe("turning two-factor off", () => {
  it("takes a current code; an admin can turn it off for someone, ending their sessions", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const bo = await person("bo@test.test");
    const secret = await enrol(bo);
    vi.setSystemTime(Date.now() + 30_000);
    await expect(turnOffTwoFactor(bo, "000000", ip)).rejects.toThrow("not right");
    await turnOffTwoFactor(bo, totpCode(secret), ip);
    expect(await hasTwoFactor(bo.id)).toBe(false);
    vi.useRealTimers();

    await enrol(bo);
    const admin = await person("boss@test.test", "admin");
    expect(await getActiveUser(bo.id, 1)).not.toBeNull();
    expect(await resetTwoFactor(admin, bo.id, ip)).toBe(true);
    expect(await hasTwoFactor(bo.id)).toBe(false);
    expect(await getActiveUser(bo.id, 1)).toBeNull();
    expect(await resetTwoFactor(admin, bo.id, ip)).toBe(false);
  });
});

describe("REQUIRE_2FA", () => {
  it("holds admins without two-factor sign-in to setting it up, and keeps it on", async () => {
    const admin = await person("adm@test.test", "admin");
    const writer = await person("wri@test.test");
    expect(await mustSetUpTwoFactor(admin)).toBe(false);
    flags.requireTwoFactor = true;
    try {
      expect(await mustSetUpTwoFactor(admin)).toBe(true);
      expect(await mustSetUpTwoFactor(writer)).toBe(false);
      // Every newsroom action refuses such an admin, except the set-up's own.
      const anyAction = formAction({ schema: z.object({}), run: async () => ({ ok: "done" }) });
      const setUpAction = formAction({ beforeTwoFactor: true, schema: z.object({}), run: async () => ({ ok: "done" }) });
      signInAs(admin);
      expect(await anyAction({}, form({}))).toMatchObject({ error: "Turn on two-factor sign-in first (Account)." });
      expect(await setUpAction({}, form({}))).toEqual({ ok: "done" });
      signInAs(writer);
      expect(await anyAction({}, form({}))).toEqual({ ok: "done" });
      const secret = await enrol(admin);
      signInAs(admin);
      expect(await anyAction({}, form({}))).toEqual({ ok: "done" });
      expect(await mustSetUpTwoFactor(admin)).toBe(false);
      await expect(turnOffTwoFactor(admin, totpCode(secret, Date.now() + 30_000), ip)).rejects.toThrow("REQUIRE_2FA");
    } finally {
      flags.requireTwoFactor = false;
    }
  });
});
