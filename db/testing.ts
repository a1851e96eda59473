import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, setProcessDatabase, type DbHandle } from "./client";
import { runMigrations } from "./migrate";
import { testServerUrl, withDatabase } from "./test-template";

// A fresh, migrated database for one test file: in-memory PGlite, or — in the "postgres" Vitest
// project — a new database on the TEST_DATABASE_URL server, dropped afterwards. Both are copies of
// the database db/test-template.ts migrated once for the run.

export interface TestDatabase extends DbHandle {
  name: string;
  dispose(): Promise<void>;
}

/**
 * `withoutTrigrams`: PGlite without pg_trgm, as a server without it (ignored on PostgreSQL). The
 * run's migrated copy has the extension, so such a database is made and migrated afresh.
 */
export async function createTestDatabase(options: { withoutTrigrams?: boolean } = {}): Promise<TestDatabase> {
  if (process.env.TEST_DB_DRIVER !== "postgres") {
    const handle = options.withoutTrigrams
      ? openPglite("memory", { withoutTrigrams: true })
      : openPglite("memory", { loadDataDir: new Blob([fs.readFileSync(inject("pgliteTemplate"))]) });
    if (options.withoutTrigrams) await runMigrations(handle);
    setProcessDatabase(handle);
    return { ...handle, name: "pglite:memory", dispose: () => handle.close() };
  }
  const name = `meridian_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject("postgresTemplate")}"`);
  const handle = openPostgres(withDatabase(testServerUrl(), name), { max: 4 });
  setProcessDatabase(handle);
  return {
    ...handle,
    name,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/**
 * `count` application instances on the test's database, for tests of what several instances do
 * at once: on PostgreSQL each its own connection pool; on PGlite, which one process opens alone,
 * the same database `count` times (its statements then take turns, as they would in one process).
 */
export function openInstances(test: TestDatabase, count: number): { instances: DbHandle[]; close(): Promise<void> } {
  if (process.env.TEST_DB_DRIVER !== "postgres") return { instances: Array.from({ length: count }, () => test), close: async () => {} };
  const instances = Array.from({ length: count }, () => openPostgres(withDatabase(testServerUrl(), test.name), { max: 3 }));
  return { instances, close: () => Promise.all(instances.map((instance) => instance.close())).then(() => {}) };
}

/**
 * An empty database, not even migrated (a restore's target): in-memory PGlite, or a new database
 * on the TEST_DATABASE_URL server. `dispose` closes it and drops the server's database.
 */
export async function createEmptyDatabase(prefix: string): Promise<DbHandle & { dispose(): Promise<void> }> {
  if (process.env.TEST_DB_DRIVER !== "postgres") {
    const handle = openPglite("memory");
    return { ...handle, dispose: () => handle.close().catch(() => {}) };
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const handle = openPostgres(withDatabase(testServerUrl(), name), { max: 2 });
  return {
    ...handle,
    dispose: async () => {
      await handle.close().catch(() => {});
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
