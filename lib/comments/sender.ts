import { randomBytes } from "node:crypto";

// Who a comment comes from. The comments API gives each sender a random secret in a cookie of its
// own (HttpOnly, SameSite=Lax, only sent to the comments API) and keeps only its keyed hash with
// each comment. Trust ("a returning commenter") and idempotency keys follow that secret: an
// address is shared by a whole office or phone network, and anyone can type a regular's e-mail.

export const SENDER_COOKIE = "meridian-commenter";
/** Every story's comments API lives under it: /api/stories/:id/comments. */
const COOKIE_PATH = "/api/stories";
/** About 400 days, the longest browsers keep a cookie. */
const MAX_AGE_SECONDS = 400 * 86_400;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newSenderSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The secret a request presented, or null when there is none or it is not one of ours. */
export function presentedSecret(value: string | null | undefined): string | null {
  return value && SECRET.test(value) ? value : null;
}

/** The Set-Cookie header that hands `secret` to the sender; Secure when the site is on https. */
export function senderCookie(secret: string, secure: boolean): string {
  return `${SENDER_COOKIE}=${secret}; Path=${COOKIE_PATH}; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
