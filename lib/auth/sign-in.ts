import { checkCredentials } from "./options";
import { createSessionCookie, type SessionCookie } from "./session-token";
import { throttledMessage } from "./sign-in-throttle";

// Signing in through the newsroom's own form. It posts to a server action, so it works without
// JavaScript and the password never travels in a URL, and Next's origin check keeps other sites
// from posting it. The credentials are checked as next-auth's endpoint checks them (the throttle
// first) and the session cookie is the one next-auth would have set.

export const WRONG_CREDENTIALS = "The e-mail address or password is not right.";

export type PasswordSignIn = { ok: true; cookie: SessionCookie } | { ok: false; error: string };

export async function signInWithPassword(input: { email: unknown; password: unknown }, ip: string): Promise<PasswordSignIn> {
  const outcome = await checkCredentials(input, ip);
  if (outcome.ok) return { ok: true, cookie: await createSessionCookie(outcome.user) };
  return { ok: false, error: outcome.retryAfter ? throttledMessage(outcome.retryAfter) : WRONG_CREDENTIALS };
}
