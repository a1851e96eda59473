import { completeSignIn, checkCredentials, refuseSignIn } from "./options";
import { createPendingSignInCookie, createSessionCookie, readPendingSignInCookie, type SessionCookie } from "./session-token";
import { signInRetryAfter, throttledMessage } from "./sign-in-throttle";
import { spendTwoFactorCode, WRONG_CODE } from "./two-factor";
import { findUserById } from "./users";

// Signing in through the newsroom's own form. It posts to a server action, so it works without
// JavaScript and the password never travels in a URL, and Next's origin check keeps other sites
// from posting it. The credentials are checked as next-auth's endpoint checks them (the throttle
// first) and the session cookie is the one next-auth would have set. An account with two-factor
// sign-in gets a short-lived "password was right" cookie instead, and a second form for the code.

export const WRONG_CREDENTIALS = "The e-mail address or password is not right.";
const SIGN_IN_AGAIN = "That took too long, or the account changed: sign in again.";

export type PasswordSignIn =
  | { ok: true; cookie: SessionCookie }
  | { ok: "code"; pending: SessionCookie }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; restart?: boolean };

export async function signInWithPassword(input: { email: unknown; password: unknown }, ip: string): Promise<PasswordSignIn> {
  // An empty field is a slip, not an attempt: it is answered at once and counts for nothing.
  const fieldErrors: Record<string, string> = {};
  if (!input.email) fieldErrors.email = "Enter your e-mail address";
  if (!input.password) fieldErrors.password = "Enter your password";
  if (Object.keys(fieldErrors).length > 0) return { ok: false, error: "Enter your e-mail address and password.", fieldErrors };
  const outcome = await checkCredentials(input, ip);
  if (outcome.ok) return { ok: true, cookie: await createSessionCookie(outcome.user) };
  if (outcome.codeNeeded) return { ok: "code", pending: await createPendingSignInCookie(outcome.codeNeeded) };
  return { ok: false, error: outcome.retryAfter ? throttledMessage(outcome.retryAfter) : WRONG_CREDENTIALS };
}

/** The second step: the code from the app, for the person whose password was right a moment ago. */
export async function signInWithCode(pendingCookie: string | undefined, code: unknown, ip: string): Promise<PasswordSignIn> {
  const pending = await readPendingSignInCookie(pendingCookie);
  const user = pending ? await findUserById(pending.uid) : undefined;
  if (!pending || !user || user.sessionVersion !== pending.sv || user.disabledAt || !user.totpEnabledAt) {
    return { ok: false, error: SIGN_IN_AGAIN, restart: true };
  }
  if (typeof code !== "string" || !code.trim()) return { ok: false, error: "Enter the code.", fieldErrors: { code: "Enter the 6-digit code from your app" } };
  const email = user.email.toLowerCase();
  const retryAfter = await signInRetryAfter(email, ip);
  if (retryAfter > 0) return { ok: false, error: throttledMessage(retryAfter) };
  if (!(await spendTwoFactorCode(user.id, code.slice(0, 20)))) {
    await refuseSignIn(email, ip, user.id, "code");
    return { ok: false, error: WRONG_CODE, fieldErrors: { code: WRONG_CODE } };
  }
  const signedIn = { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
  await completeSignIn(signedIn, email, ip);
  return { ok: true, cookie: await createSessionCookie(signedIn) };
}
