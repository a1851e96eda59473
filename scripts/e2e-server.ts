// The server the end-to-end tests run against: the production build, on a fresh embedded
// database in .data/e2e with the demo edition and the fixtures the specs need.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { E2E_ADMIN, setupE2eFixtures } from "@/e2e/fixtures/setup";
import { openDatabase } from "@/db/client";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { startAppServer } from "./lib/server.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(".data/e2e");
process.env.DATA_DIR = dataDir;
process.env.PORT = String(port);
process.env.SITE_URL = `http://127.0.0.1:${port}`;
// The live desk's datetime fields are read on the site's clock; the specs write UTC times.
process.env.SITE_TIMEZONE = "UTC";
// Every spec posts comments from 127.0.0.1; the limits themselves are tested in Vitest.
process.env.COMMENTS_PER_ADDRESS_PER_MINUTE = "100000";
process.env.COMMENTS_PER_STORY_PER_MINUTE = "100000";
process.env.ADMIN_EMAIL = E2E_ADMIN.email;
process.env.ADMIN_PASSWORD = E2E_ADMIN.password;
delete process.env.DATABASE_URL;
// A key of its own for each run (lib/auth/keys.ts); the server inherits it.
process.env.AUTH_SECRET = randomBytes(32).toString("base64url");

try {
  if (!isBuildCurrent()) {
    console.log("Building for the end-to-end tests…");
    if (!(await buildApp())) throw new Error("The build failed");
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  await prepareDatabase({ seed: true, serving: true, log: console.log });
  const handle = openDatabase({ databaseUrl: undefined, dataDir });
  try {
    await setupE2eFixtures(handle.db);
  } finally {
    await handle.close();
  }
  // Playwright prints the server's output: its warnings and errors, not a line per request.
  const server = startAppServer({ port, env: { DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" } });
  server.on("exit", (code) => process.exit(code ?? 1));
} catch (error) {
  fail(error);
}
