import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { env, EnvError, type Env } from "@/lib/env";

// The keys that sign newsroom sessions and hash commenters' e-mail and client addresses. They
// never live in the database: a copy of the data directory (a backup) must not let anyone forge
// an admin session or test guesses against the stored hashes. One secret — AUTH_SECRET, or for
// the zero-config local start a key file made on first start outside DATA_DIR — gives two
// independent keys through HKDF. The server loads them once at start (scripts/serve.ts) and
// hands them to next-auth and lib/comments/hashing.ts through its own process environment.

export const COMMENT_HASH_KEY_VARIABLE = "MERIDIAN_COMMENT_HASH_KEY";
export const TWO_FACTOR_KEY_VARIABLE = "MERIDIAN_TWO_FACTOR_KEY";
const SESSION_KEY_VARIABLE = "NEXTAUTH_SECRET";
const MIN_SECRET_LENGTH = 32;

export interface Keys {
  session: string;
  commentHash: string;
  /** Encrypts the stored two-factor (TOTP) secrets. */
  twoFactor: string;
  /** Where the secret came from, for the start-up line. */
  source: "AUTH_SECRET" | "file" | "created";
  file?: string;
}

type KeyPlace = Pick<Env, "keysFile" | "dataDir" | "databaseUrl">;

const keyFileSchema = z.object({ version: z.literal(1), secret: z.string().min(MIN_SECRET_LENGTH) });

function derive(secret: string, purpose: string): string {
  return Buffer.from(hkdfSync("sha256", secret, "meridian-keys-v1", purpose, 32)).toString("base64url");
}

function deriveKeys(secret: string): Pick<Keys, "session" | "commentHash" | "twoFactor"> {
  return {
    session: derive(secret, "newsroom sessions"),
    commentHash: derive(secret, "comment hashes"),
    twoFactor: derive(secret, "two-factor secrets"),
  };
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function badFile(file: string, problem: string): EnvError {
  return new EnvError(
    "KEYS_FILE",
    `(${file}) ${problem}. Restore it from your backup, or delete it to make a new one (open sessions end, returning commenters count as new once)`,
  );
}

function readKeyFile(file: string): string {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw badFile(file, error instanceof SyntaxError ? "is not JSON" : `cannot be read (${(error as Error).message})`);
  }
  const parsed = keyFileSchema.safeParse(content);
  if (!parsed.success) throw badFile(file, `must hold {"version":1,"secret":"<${MIN_SECRET_LENGTH}+ characters>"}`);
  return parsed.data.secret;
}

/** Writes a new key file readable by its owner only; false when another process made it first. */
function createKeyFile(file: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const content = {
    version: 1,
    secret: randomBytes(32).toString("base64url"),
    note: "Signs newsroom sessions and keys comment hashes. Keep it out of copies of the data directory; see README.",
  };
  try {
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw badFile(file, `cannot be created (${(error as Error).message})`);
  }
}

/**
 * The keys of this site: from AUTH_SECRET when set; otherwise from the key file, made on first
 * start. A PostgreSQL server (several instances, perhaps on several machines) requires
 * AUTH_SECRET, so that every instance signs and hashes alike.
 */
export function loadKeys(authSecret: string | undefined, place: KeyPlace = env()): Keys {
  if (authSecret !== undefined) {
    if (authSecret.length < MIN_SECRET_LENGTH) throw new EnvError("AUTH_SECRET", `must be at least ${MIN_SECRET_LENGTH} characters`);
    return { ...deriveKeys(authSecret), source: "AUTH_SECRET" };
  }
  if (place.databaseUrl) {
    throw new EnvError(
      "AUTH_SECRET",
      "must be set when DATABASE_URL is set, the same on every instance (e.g. `openssl rand -base64 32`): it signs sessions and keys comment hashes",
    );
  }
  const file = place.keysFile;
  if (isInside(place.dataDir, file)) {
    throw new EnvError("KEYS_FILE", `(${file}) must be outside DATA_DIR (${place.dataDir}): a copy of the data directory must not carry the keys`);
  }
  const created = !fs.existsSync(file) && createKeyFile(file);
  // As ssh does with a private key: a copy others can read is a copy others may have taken.
  if (process.platform !== "win32" && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new EnvError("KEYS_FILE", `(${file}) can be read by other users of this machine: make it its owner's only with \`chmod 600 ${file}\``);
  }
  return { ...deriveKeys(readKeyFile(file)), source: created ? "created" : "file", file };
}

/** Hands the keys to next-auth and to comment hashing, in this process. */
export function installKeys(keys: Keys): void {
  process.env[SESSION_KEY_VARIABLE] = keys.session;
  process.env[COMMENT_HASH_KEY_VARIABLE] = keys.commentHash;
  process.env[TWO_FACTOR_KEY_VARIABLE] = keys.twoFactor;
}

/** The installed key of the stored two-factor secrets (32 bytes); there is no fallback. */
export function twoFactorKey(): Buffer {
  const key = process.env[TWO_FACTOR_KEY_VARIABLE];
  if (!key) throw new Error("The two-factor key is not loaded: start the server with scripts/serve.ts (npm start).");
  return Buffer.from(key, "base64url");
}

/** The installed comment-hash key; there is no fallback. */
export function commentHashKey(): string {
  const key = process.env[COMMENT_HASH_KEY_VARIABLE];
  if (!key) throw new Error("The comment-hash key is not loaded: start the server with scripts/serve.ts (npm start).");
  return key;
}
