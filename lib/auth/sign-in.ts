import { checkCredentials } from "./options";
import { createSessionCookie, type SessionCookie } from "./session-token";
import { throttledMessage } from "./sign-in-throttle";

// Signing in through the newsroom's own form. It posts to a server action, so it works without
// JavaScript and the password never travels in a URL, and Next's origin check keeps other sites
// from posting it. The credentials are checked as next-auth's endpoint checks them (the throttle
// first) and the session cookie is the one next-auth would have set.

export const WRONG_CREDENTIALS = "The e-mail address or password is not right.";

export type PasswordSignIn =
  | { ok: true; cookie: SessionCookie }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export async function signInWithPassword(input: { email: unknown; password: unknown }, ip: string): Promise<PasswordSignIn> {
  // An empty field is a slip, not an attempt: it is answered at once and counts for nothing.
  const fieldErrors: Record<string, string> = {};
  if (!input.email) fieldErrors.email = "Enter your e-mail address";
  if (!input.password) fieldErrors.password = "Enter your password";
  if (Object.keys(fieldErrors).length > 0) return { ok: false, error: "Enter your e-mail address and password.", fieldErrors };
  const outcome = await checkCredentials(input, ip);
  if (outcome.ok) return { ok: true, cookie: await createSessionCookie(outcome.user) };
  return { ok: false, error: outcome.retryAfter ? throttledMessage(outcome.retryAfter) : WRONG_CREDENTIALS };
}
