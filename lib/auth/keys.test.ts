import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keyedHash } from "@/lib/comments/hashing";
import { EnvError } from "@/lib/env";
import { COMMENT_HASH_KEY_VARIABLE, installKeys, loadKeys } from "./keys";

// The keys that sign sessions and hash commenters' addresses live outside the database: from
// AUTH_SECRET, or from a key file made on first start outside the data directory.

let dir: string;
let where: { keysFile: string; dataDir: string; databaseUrl: string | undefined };
const SECRET = "an-operator-chosen-secret-of-forty-characters";

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-keys-"));
  where = { keysFile: path.join(dir, "project", ".meridian", "keys.json"), dataDir: path.join(dir, "project", "data"), databaseUrl: undefined };
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function refusal(run: () => unknown): EnvError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error("expected a refusal");
}

describe("the key file", () => {
  it("is created on first start, readable by its owner only, with three different keys derived from it", () => {
    const keys = loadKeys(undefined, where);
    const stat = fs.statSync(where.keysFile);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(keys).toMatchObject({ source: "created", file: where.keysFile });
    expect(keys.session).toMatch(/^[\w-]{43}$/);
    expect(keys.commentHash).toMatch(/^[\w-]{43}$/);
    expect(keys.twoFactor).toMatch(/^[\w-]{43}$/);
    expect(new Set([keys.session, keys.commentHash, keys.twoFactor]).size).toBe(3);
    const { secret } = JSON.parse(fs.readFileSync(where.keysFile, "utf8"));
    expect([keys.session, keys.commentHash, keys.twoFactor]).not.toContain(secret);
  });

  it("is reused on the next start, unchanged", () => {
    const first = loadKeys(undefined, where);
    const written = fs.readFileSync(where.keysFile, "utf8");
    const second = loadKeys(undefined, where);
    expect(second).toMatchObject({ source: "file", session: first.session, commentHash: first.commentHash });
    expect(fs.readFileSync(where.keysFile, "utf8")).toBe(written);
  });

  it("is refused when other users may read it, as a restored copy may be, saying how to fix it", () => {
    loadKeys(undefined, where);
    fs.chmodSync(where.keysFile, 0o644);
    const error = refusal(() => loadKeys(undefined, where));
    expect(error.variable).toBe("KEYS_FILE");
    expect(error.message).toContain(`chmod 600 ${where.keysFile}`);
    fs.chmodSync(where.keysFile, 0o600);
    expect(loadKeys(undefined, where).source).toBe("file");
  });

  it("is neither read nor made when AUTH_SECRET is set: the environment wins", () => {
    const fromEnv = loadKeys(SECRET, where);
    expect(fromEnv.source).toBe("AUTH_SECRET");
    expect(fs.existsSync(where.keysFile)).toBe(false);
    const fromFile = loadKeys(undefined, where);
    expect(loadKeys(SECRET, where).session).toBe(fromEnv.session);
    expect(fromEnv.session).not.toBe(fromFile.session);
    expect(fromEnv.commentHash).not.toBe(fromFile.commentHash);
  });

  it.each([
    ["not JSON", "secret=abc"],
    ["no secret", JSON.stringify({ version: 1 })],
    ["a short secret", JSON.stringify({ version: 1, secret: "too-short" })],
    ["an empty file", ""],
  ])("refuses %s, naming KEYS_FILE and the file", (_, content) => {
    fs.mkdirSync(path.dirname(where.keysFile), { recursive: true });
    fs.writeFileSync(where.keysFile, content, { mode: 0o600 });
    const error = refusal(() => loadKeys(undefined, where));
    expect(error.variable).toBe("KEYS_FILE");
    expect(error.message).toContain(where.keysFile);
    expect(fs.readFileSync(where.keysFile, "utf8")).toBe(content);
  });

  it("must be outside the data directory, so a copy of it carries no key", () => {
    const error = refusal(() => loadKeys(undefined, { ...where, keysFile: path.join(where.dataDir, "keys.json") }));
    expect(error.variable).toBe("KEYS_FILE");
    expect(error.message).toMatch(/outside DATA_DIR/);
    expect(fs.existsSync(path.join(where.dataDir, "keys.json"))).toBe(false);
  });
});

describe("AUTH_SECRET", () => {
  it("is required with a PostgreSQL server, so every instance agrees", () => {
    const error = refusal(() => loadKeys(undefined, { ...where, databaseUrl: "postgres://db.internal/news" }));
    expect(error.variable).toBe("AUTH_SECRET");
    expect(error.message).toMatch(/DATABASE_URL/);
    expect(loadKeys(SECRET, { ...where, databaseUrl: "postgres://db.internal/news" }).source).toBe("AUTH_SECRET");
  });

  it("refuses a short secret", () => {
    expect(refusal(() => loadKeys("short", where)).variable).toBe("AUTH_SECRET");
  });
});

describe("comment hashes", () => {
  const saved = { comments: process.env[COMMENT_HASH_KEY_VARIABLE], sessions: process.env.NEXTAUTH_SECRET };
  afterEach(() => {
    process.env[COMMENT_HASH_KEY_VARIABLE] = saved.comments;
    process.env.NEXTAUTH_SECRET = saved.sessions;
  });

  it("never fall back to a constant key", () => {
    delete process.env[COMMENT_HASH_KEY_VARIABLE];
    expect(() => keyedHash("email", "reader@example.org")).toThrow(/key/);
  });

  it("use the installed key: a new key makes a new hash", () => {
    installKeys(loadKeys(undefined, where));
    const first = keyedHash("email", "reader@example.org");
    expect(keyedHash("email", "reader@example.org")).toBe(first);
    installKeys(loadKeys(SECRET, where));
    expect(keyedHash("email", "reader@example.org")).not.toBe(first);
  });
});
