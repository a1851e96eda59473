import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openPglite, openPostgres, type DbHandle } from "./client";
import { committedMigrations, runMigrations } from "./migrate";
import { testServerUrl, withDatabase } from "./test-template";

// Instances starting together on a fresh database each run the migrations: they take turns
// (an advisory lock on a server), so each migration is applied once and every start succeeds.

const onServer = process.env.TEST_DB_DRIVER === "postgres";

/** Three "instances" of a fresh, empty database: three connection pools on a server; one embedded database (PGlite opens in one process only). */
async function freshInstances(): Promise<{ instances: DbHandle[]; dispose(): Promise<void> }> {
  if (!onServer) {
    const handle = openPglite("memory");
    return { instances: [handle, handle, handle], dispose: () => handle.close() };
  }
  const name = `meridian_migrate_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const instances = [0, 1, 2].map(() => openPostgres(withDatabase(testServerUrl(), name), { max: 3 }));
  return {
    instances,
    dispose: async () => {
      await Promise.all(instances.map((instance) => instance.close()));
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

describe("migrations started by several instances at once", () => {
  it("apply each migration once, every start succeeding, and leave no lock behind", async () => {
    const { instances, dispose } = await freshInstances();
    try {
      await Promise.all(instances.map((instance) => runMigrations(instance)));
      const db = instances[0]!.db;
      const appliedHashes = () => db.select({ hash: sql<string>`hash` }).from(sql`drizzle.__drizzle_migrations`).orderBy(sql`id`);
      const committed = committedMigrations().map((migration) => migration.hash);
      expect((await appliedHashes()).map((row) => row.hash)).toEqual(committed);
      const [locks] = await db.select({ held: sql<number>`count(*)::int` }).from(sql`pg_locks`).where(sql`locktype = 'advisory'`);
      expect(locks?.held).toBe(0);
      // A later start finds nothing to do.
      await runMigrations(instances[1]!);
      expect((await appliedHashes()).map((row) => row.hash)).toEqual(committed);
    } finally {
      await dispose();
    }
  });
});
