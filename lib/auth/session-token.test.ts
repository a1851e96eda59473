import { decode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
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
