import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. Domain tests run on PGlite always, and again on a PostgreSQL
// server when TEST_DATABASE_URL is set (each test file in its own throwaway database).
const root = path.dirname(new URL(import.meta.url).pathname);
const include = ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx"];
const shared = {
  alias: { "@": root },
  // The mocks every file shares: Next.js's server-only modules and the signed-in person.
  setupFiles: [path.join(root, "lib/testing/setup.ts")],
  // Migrates one database per project and run; each test file's database is a copy of it.
  globalSetup: [path.join(root, "db/test-template.ts")],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

const serverUrl = process.env.TEST_DATABASE_URL;
// The server loads this key at start (lib/auth/keys.ts); tests that hash comments get a fixed one.
const keys = {
  MERIDIAN_COMMENT_HASH_KEY: "vitest-comment-hash-key-not-a-secret",
  MERIDIAN_TWO_FACTOR_KEY: "dml0ZXN0LXR3by1mYWN0b3Ita2V5LW5vdC1zZWNyZXQ",
};

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // One test file per core: Vitest's default leaves one core idle on a 2-core machine, and most
    // files wait on a database (PGlite in-process or the server) one at a time anyway.
    maxWorkers: os.availableParallelism(),
    projects: [
      { test: { ...shared, name: "pglite", include, env: { TEST_DB_DRIVER: "pglite", ...keys } } },
      ...(serverUrl
        ? [
            {
              test: {
                ...shared,
                name: "postgres",
                // Only the tests that touch the database run twice.
                include: include.map((glob) => glob.replace(".test.", ".db.test.")),
                env: { TEST_DB_DRIVER: "postgres", ...keys },
              },
            },
          ]
        : []),
    ],
  },
});
