import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPglite, openPostgres, setProcessDatabase, type DbHandle } from "./client";
import { runMigrations } from "./migrate";

// A fresh, migrated database for one test file: in-memory PGlite, or — in the "postgres" Vitest
// project — a new database on the TEST_DATABASE_URL server, dropped afterwards.

export interface TestDatabase extends DbHandle {
  name: string;
  dispose(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** `withoutTrigrams`: PGlite without pg_trgm, as a server without it (ignored on PostgreSQL). */
export async function createTestDatabase(options: { withoutTrigrams?: boolean } = {}): Promise<TestDatabase> {
  if (process.env.TEST_DB_DRIVER !== "postgres") {
    const handle = openPglite("memory", options);
    await runMigrations(handle);
    setProcessDatabase(handle);
    return { ...handle, name: "pglite:memory", dispose: () => handle.close() };
  }
  const name = `meridian_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const handle = openPostgres(withDatabase(serverUrl(), name), { max: 4 });
  await runMigrations(handle);
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
