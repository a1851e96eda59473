import fs from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import type { DbHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Any constant works; it only has to be the same for every instance of this application.
const MIGRATION_LOCK = 7_361_001;

/**
 * Migrations running on each embedded database: advisory locks are per session and PGlite has
 * one, so two runs in one process would both hold the lock; they take turns here instead.
 */
const pgliteRuns = new WeakMap<DbHandle, Promise<void>>();

/**
 * Applies the committed migrations. On a server, instances starting together take turns (an
 * advisory lock): the first applies them, the others find nothing left to do.
 */
export async function runMigrations(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const run = (pgliteRuns.get(handle) ?? Promise.resolve())
      .catch(() => {})
      .then(() => migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder }));
    pgliteRuns.set(handle, run);
    await run;
    return;
  }
  // The lock is the session's: taken, used and released on one connection (a pool could release
  // it on another, and leave it held until the first one closed).
  await handle.onOneConnection!(async (connection) => {
    const db = connection as unknown as PostgresJsDatabase;
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migratePostgres(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}

/** A committed migration as drizzle records it once applied: the sha256 of its file. */
export interface MigrationId {
  tag: string;
  hash: string;
}

/** The committed migrations in the order they apply. */
export function committedMigrations(): MigrationId[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return readMigrationFiles({ migrationsFolder }).map((file, index) => ({ tag: journal.entries[index]!.tag, hash: file.hash }));
}

/**
 * The SQL that applies the first `count` migrations to an empty database and records them as
 * drizzle's migrator does (same table, hashes and times), to be run inside a caller's
 * transaction: a restore brings a database to its archive's version, whose rows fit that schema,
 * in the transaction that loads them; the next start applies the rest as usual.
 */
export function migrationScript(count: number): string[] {
  const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return [
    'create schema if not exists "drizzle"',
    'create table if not exists "drizzle"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)',
    ...readMigrationFiles({ migrationsFolder })
      .slice(0, count)
      .flatMap((migration) => [
        ...migration.sql.filter((statement) => statement.trim()),
        `insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values (${quote(migration.hash)}, ${migration.folderMillis})`,
      ]),
  ];
}
