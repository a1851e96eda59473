import { keyedHash } from "./hashing";

// The comment form asks for a token when it is shown; a post that comes back sooner than
// MIN_SECONDS after that (a bot filling the form at once), or with a token older than a day, is held.

export const MIN_SECONDS = 3;
const MAX_AGE_SECONDS = 86_400;

export function issueFormToken(now = Date.now()): string {
  const issued = String(Math.floor(now / 1000));
  return `${issued}.${keyedHash("form", issued).slice(0, 32)}`;
}

export type TokenCheck = "ok" | "too-fast" | "invalid";

export function checkFormToken(token: string, now = Date.now()): TokenCheck {
  const [issued, signature] = token.split(".");
  if (!issued || !signature || !/^\d{9,11}$/.test(issued) || keyedHash("form", issued).slice(0, 32) !== signature) return "invalid";
  const age = now / 1000 - Number(issued);
  if (age < MIN_SECONDS) return "too-fast";
  return age > MAX_AGE_SECONDS || age < -60 ? "invalid" : "ok";
}
