import { decode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "./options";
import { createPendingSignInCookie, createSessionCookie, readPendingSignInCookie, readSessionCookie } from "./session-token";

const user = { id: 7, email: "kim@example.org", name: "Kim", sessionVersion: 3 };

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-at-least-32-characters";
});

describe("the session cookie", () => {
  it("is next-auth's: HttpOnly, SameSite=Lax, a JWT next-auth decodes with the same claims", async () => {
    const cookie = await createSessionCookie(user);
    expect(cookie).toMatchObject({ name: "next-auth.session-token", httpOnly: true, sameSite: "lax", path: "/" });
    const token = await decode({ token: cookie.value, secret: process.env.NEXTAUTH_SECRET! });
    expect(token).toMatchObject({ name: "Kim", email: "kim@example.org", sub: "7", uid: 7, sv: 3 });
    expect(await readSessionCookie(cookie.value)).toEqual({ uid: 7, sv: 3 });
  });

  it("reads as no session when missing or forged", async () => {
    const { value } = await createSessionCookie(user);
    expect(await readSessionCookie(undefined)).toBeNull();
    expect(await readSessionCookie("not-a-token")).toBeNull();
    expect(await readSessionCookie(`${value.slice(0, -4)}AAAA`)).toBeNull();
  });
});

describe("a session read again", () => {
  afterEach(() => vi.useRealTimers());

  it("is refused once it expires, and under another secret", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-07T09:00:00Z"), toFake: ["Date"] });
    const { value } = await createSessionCookie(user);
    expect(await readSessionCookie(value)).toEqual({ uid: 7, sv: 3 });
    vi.setSystemTime(new Date(Date.now() + (SESSION_MAX_AGE_SECONDS - 60) * 1000));
    expect(await readSessionCookie(value)).toEqual({ uid: 7, sv: 3 });
    // Past the expiry and the 15 s of clock skew next-auth allows.
    vi.setSystemTime(new Date(Date.now() + 120 * 1000));
    expect(await readSessionCookie(value)).toBeNull();
    vi.useRealTimers();
    const fresh = await createSessionCookie(user);
    expect(await readSessionCookie(fresh.value)).toEqual({ uid: 7, sv: 3 });
    const secret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another-test-secret-of-at-least-32-characters";
    try {
      expect(await readSessionCookie(fresh.value)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });
});

describe("the cookie between password and two-factor code", () => {
  it("says whose password was right, and is never read as a session (nor a session as one)", async () => {
    const pending = await createPendingSignInCookie(user);
    expect(pending).toMatchObject({ name: "meridian.sign-in-pending", httpOnly: true, sameSite: "lax" });
    expect(await readPendingSignInCookie(pending.value)).toEqual({ uid: 7, sv: 3 });
    expect(await readSessionCookie(pending.value)).toBeNull();
    const session = await createSessionCookie(user);
    expect(await readPendingSignInCookie(session.value)).toBeNull();
  });
});
