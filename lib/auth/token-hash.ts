import { createHash } from "node:crypto";

// Secrets handed out as links or API tokens are stored only as this hash, so a copy of the
// database opens nothing. The tokens are long random strings, so a plain SHA-256 is enough: there
// is no short password to guess, and a fixed hash lets a lookup find the row by its index.

/** The stored form of a token: SHA-256, as 64 lowercase hex digits. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
