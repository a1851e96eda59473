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

/** Applies the committed migrations. On a server, instances starting together take turns. */
export async function runMigrations(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const db = handle.db as unknown as PostgresJsDatabase;
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await migratePostgres(db, { migrationsFolder });
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
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
