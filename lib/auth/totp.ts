import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";

// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as every
// authenticator app reads them, and the secret's stored form. The codes come from otpauth; what
// is ours is the rule around them: one step either side of now for a clock that drifts, and never
// a step at or before the last one accepted, so a code cannot be used twice (nor an older one
// after a newer). The secret is stored encrypted (AES-256-GCM) under a key derived from
// AUTH_SECRET (lib/auth/keys.ts), so a copy of the database cannot make codes.

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const DRIFT_STEPS = 1;

/** A new random secret (160 bits, as RFC 4226 recommends), in the base32 apps take. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, account = "", issuer = "") {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS });
}

/** The otpauth:// address an authenticator app reads (typed in or from the QR code). */
export function totpUri(secret: string, account: string, issuer: string): string {
  return totp(secret, account, issuer).toString();
}

/** The otpauth:// address as a QR code: an SVG document, drawn on the server. */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { border: 2 });
}

/** The code for `secret` at a time (ms), as an app shows it; for tests and the e2e specs. */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return totp(secret).generate({ timestamp });
}

/**
 * The step a code belongs to when it is right for now (±1 step) and newer than `lastStep`;
 * otherwise null. The caller stores the step, so the same code is refused next time.
 */
export function acceptTotp(secret: string, code: string, lastStep: number | null, timestamp = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const generator = totp(secret);
  const delta = generator.validate({ token, timestamp, window: DRIFT_STEPS });
  if (delta === null) return null;
  const step = generator.counter({ timestamp }) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The stored form: "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function encryptSecret(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret, or null when the stored form was made under another key (AUTH_SECRET rotated) or altered. */
export function decryptSecret(stored: string, key: Buffer): string | null {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
