import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { clientIpOf } from "./client-ip";
import { checkCredentials } from "./options";
import { verifyPassword } from "./passwords";
import { readSessionCookie } from "./session-token";
import { signInWithPassword, WRONG_CREDENTIALS } from "./sign-in";
import {
  ACCOUNT_FAILURES_ALLOWED,
  ADDRESS_FAILURES_ALLOWED,
  accountBlockMs,
  recordSignInFailure,
  recordSignInSuccess,
  signInRetryAfter,
} from "./sign-in-throttle";
import { createUser } from "./users";

vi.mock("./passwords", async (original) => {
  const actual = await original<typeof import("./passwords")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

describe("sign-in throttling", () => {
  it("blocks one account from one address after 5 failures, with a back-off that grows", async () => {
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED - 1; i++) await recordSignInFailure("pat@example.org", "10.0.0.1");
    expect(await signInRetryAfter("pat@example.org", "10.0.0.1")).toBe(0);
    await recordSignInFailure("Pat@Example.org", "10.0.0.1");
    const first = await signInRetryAfter("pat@example.org", "10.0.0.1");
    expect(first).toBeGreaterThan(25);
    expect(first).toBeLessThanOrEqual(30);
    // Another address, or another account from this address, is not blocked by it.
    expect(await signInRetryAfter("pat@example.org", "10.0.0.2")).toBe(0);
    expect(await signInRetryAfter("sam@example.org", "10.0.0.1")).toBe(0);
    expect([5, 6, 7, 20].map(accountBlockMs)).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    await recordSignInSuccess("pat@example.org", "10.0.0.1");
    expect(await signInRetryAfter("pat@example.org", "10.0.0.1")).toBe(0);
  });

  it("blocks an address that fails across many accounts", async () => {
    for (let i = 0; i < ADDRESS_FAILURES_ALLOWED; i++) await recordSignInFailure(`user${i}@example.org`, "10.9.9.9");
    expect(await signInRetryAfter("someone-new@example.org", "10.9.9.9")).toBeGreaterThan(0);
  });
});

describe("the credentials check", () => {
  const password = "kim-long-password";

  it("refuses a blocked account without checking its password, and says how long to wait", async () => {
    await createUser({ email: "kim@example.org", name: "Kim", role: "writer", password });
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) {
      expect(await checkCredentials({ email: "kim@example.org", password: `wrong-${i}` }, "10.1.1.1")).toEqual({ ok: false });
    }
    vi.mocked(verifyPassword).mockClear();
    // The address the check reads is the one the throttle reads: trimmed and in any case.
    const blocked = await checkCredentials({ email: "  KIM@example.org ", password }, "10.1.1.1");
    expect(blocked.ok).toBe(false);
    expect(!blocked.ok && blocked.retryAfter).toBeGreaterThan(0);
    expect(verifyPassword).not.toHaveBeenCalled();
    // Blocked attempts are not failures: they do not lengthen the block.
    expect(await signInRetryAfter("kim@example.org", "10.1.1.1")).toBeLessThanOrEqual(30);
    // From another address the account is not blocked.
    expect((await checkCredentials({ email: "kim@example.org", password }, "10.1.1.2")).ok).toBe(true);
  });

  it("refuses a blocked address for every account, without a password check", async () => {
    for (let i = 0; i < ADDRESS_FAILURES_ALLOWED; i++) await recordSignInFailure(`nobody${i}@example.org`, "10.2.2.2");
    vi.mocked(verifyPassword).mockClear();
    const blocked = await checkCredentials({ email: "kim@example.org", password }, "10.2.2.2");
    expect(!blocked.ok && blocked.retryAfter).toBeGreaterThan(0);
    expect(verifyPassword).not.toHaveBeenCalled();
  });
});

describe("signing in through the form", () => {
  const password = "lou-long-password";

  it("gives a session cookie for the right password, and says why otherwise", async () => {
    process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-at-least-32-characters";
    const lou = await createUser({ email: "lou@example.org", name: "Lou", role: "writer", password });
    const signedIn = await signInWithPassword({ email: "lou@example.org", password }, "10.3.3.3");
    expect(signedIn.ok === true && (await readSessionCookie(signedIn.cookie.value))).toEqual({ uid: lou.id, sv: 1 });
    expect(await signInWithPassword({ email: "", password: "" }, "10.3.3.3")).toMatchObject({
      ok: false,
      fieldErrors: { email: "Enter your e-mail address", password: "Enter your password" },
    });
    for (let i = 0; i < ACCOUNT_FAILURES_ALLOWED; i++) {
      expect(await signInWithPassword({ email: "lou@example.org", password: `wrong-${i}` }, "10.3.3.3")).toEqual({ ok: false, error: WRONG_CREDENTIALS });
    }
    const blocked = await signInWithPassword({ email: "lou@example.org", password }, "10.3.3.3");
    expect(!blocked.ok && blocked.error).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ seconds\.$/);
  });
});

describe("clientIpOf", () => {
  const request = (remoteAddress: string, forwarded?: string) =>
    ({ socket: { remoteAddress }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} }) as unknown as IncomingMessage;

  it.each([
    ["no trusted proxy: the socket, whatever the header says", request("::ffff:192.0.2.10", "203.0.113.9"), 0, "192.0.2.10"],
    ["one proxy: the address it saw", request("10.0.0.5", "198.51.100.1, 203.0.113.9"), 1, "203.0.113.9"],
    ["two proxies: the address the first one saw", request("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.4"), 2, "203.0.113.9"],
    ["a proxy, but no header", request("10.0.0.5"), 1, "10.0.0.5"],
  ])("%s", (_name, incoming, trusted, expected) => {
    expect(clientIpOf(incoming, trusted)).toBe(expected);
  });
});
