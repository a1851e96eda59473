import { decode, encode } from "next-auth/jwt";
import { authCookies } from "./cookie-names";
import { authSecret, SESSION_MAX_AGE_SECONDS, sessionClaims, type SignedInUser } from "./options";

// The session cookie, outside next-auth's request handler: written by the sign-in form's action
// and read on every newsroom request, with next-auth's own JWT encoding, secret, claims and cookie,
// so a session from either way of signing in is the same. Reading asks nothing else of next-auth,
// whose handler would refuse the whole request over an unrelated cookie it cannot parse.
// (next-auth splits a token over several cookies only past 4 KB; ours are a few hundred bytes.)

export interface SessionCookie {
  name: string;
  value: string;
  httpOnly: boolean;
  sameSite: "lax";
  path: string;
  secure: boolean;
  expires: Date;
}

export async function createSessionCookie(user: SignedInUser): Promise<SessionCookie> {
  const { name, options } = authCookies().sessionToken;
  const token = { name: user.name, email: user.email, sub: String(user.id), ...sessionClaims(user) };
  const value = await encode({ token, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  return { name, value, ...options, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) };
}

/**
 * Sessions read lately, by cookie value, with the secret they were read under: decoding one (a key
 * derivation and a decryption) cost about a millisecond of every newsroom request. Only a cookie
 * that decoded is kept, with its expiry, which every read checks again; whether the account may
 * still sign in is the database's answer, read on every request (lib/auth/session.ts).
 */
const RECENT_SESSIONS_MAX = 200;
const recentSessions = new Map<string, { uid: number; sv: number; expiresAt: number }>();
let recentSecret = "";

/** The session a cookie value carries, or null when it is missing, forged or expired. */
export async function readSessionCookie(value: string | undefined): Promise<{ uid: number; sv: number } | null> {
  if (!value) return null;
  const secret = authSecret();
  if (secret !== recentSecret) {
    recentSessions.clear();
    recentSecret = secret;
  }
  const known = recentSessions.get(value);
  if (known && Date.now() < known.expiresAt) return { uid: known.uid, sv: known.sv };
  recentSessions.delete(value);
  const token = await decode({ token: value, secret }).catch(() => null);
  if (typeof token?.uid !== "number" || typeof token.sv !== "number") return null;
  if (typeof token.exp === "number") {
    if (recentSessions.size >= RECENT_SESSIONS_MAX) recentSessions.delete(recentSessions.keys().next().value!);
    recentSessions.set(value, { uid: token.uid, sv: token.sv, expiresAt: token.exp * 1000 });
  }
  return { uid: token.uid, sv: token.sv };
}

// Between the password and the two-factor code: a short-lived cookie saying whose password was
// right, under a key of its own, so it can never pass for a session (and carries no session claims).
const PENDING_MAX_AGE_SECONDS = 5 * 60;
const pendingSecret = () => `${authSecret()}:two-factor-pending`;

export function pendingSignInCookieName(): string {
  return authCookies().sessionToken.name.replace("next-auth.session-token", "meridian.sign-in-pending");
}

export async function createPendingSignInCookie(user: SignedInUser): Promise<SessionCookie> {
  const { options } = authCookies().sessionToken;
  const value = await encode({ token: { pendingUid: user.id, pendingSv: user.sessionVersion }, secret: pendingSecret(), maxAge: PENDING_MAX_AGE_SECONDS });
  return { name: pendingSignInCookieName(), value, ...options, expires: new Date(Date.now() + PENDING_MAX_AGE_SECONDS * 1000) };
}

/** Whose password was right a moment ago, or null when the cookie is missing, forged or too old. */
export async function readPendingSignInCookie(value: string | undefined): Promise<{ uid: number; sv: number } | null> {
  if (!value) return null;
  const token = await decode({ token: value, secret: pendingSecret() }).catch(() => null);
  return typeof token?.pendingUid === "number" && typeof token.pendingSv === "number" ? { uid: token.pendingUid, sv: token.pendingSv } : null;
}
