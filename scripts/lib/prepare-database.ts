import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { ensureAuthSecret } from "@/lib/settings/store";
import { describeConnectionError } from "./cli";

/** Opens the configured database and proves it answers, with a clear error if it does not. */
export async function openCheckedDatabase(): Promise<DbHandle> {
  const { databaseUrl } = env();
  const handle = openDatabase();
  try {
    // A server that accepts the connection but never answers must not hang the start.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "CONNECT_TIMEOUT" })), 10_000);
    });
    await Promise.race([handle.db.execute(sql`select 1`), timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    void handle.close().catch(() => {});
    if (databaseUrl) throw describeConnectionError(databaseUrl, error);
    throw error;
  }
  return handle;
}

export interface PreparedDatabase {
  /** Set when this start created the first admin with a random password: print it once. */
  newAdmin?: { email: string; password: string | null };
}

/**
 * Migrates, seeds the demo edition into an empty database, makes sure there is an admin and a
 * session secret. Closes the database after.
 */
export async function prepareDatabase(options: { seed: boolean; log: (line: string) => void }): Promise<PreparedDatabase> {
  const { databaseUrl, dataDir, adminEmail, adminPassword, authSecret } = env();
  const prepared: PreparedDatabase = {};
  options.log(databaseUrl ? "Database: PostgreSQL server (DATABASE_URL)" : `Database: embedded PGlite in ${dataDir}`);
  const handle = await openCheckedDatabase();
  try {
    await runMigrations(handle);
    options.log("Migrations applied");
    if (options.seed) {
      // Loaded only when seeding: it brings the demo content and the image renderer.
      const { seedDemoEdition } = await import("@/db/seed/demo-edition");
      const result = await seedDemoEdition(handle, { log: options.log });
      options.log(
        result.seeded
          ? `Seeded the demo edition: ${result.stories} stories in ${result.sections} sections`
          : `Demo edition not seeded: ${result.reason}`,
      );
      const admin = await ensureFirstAdmin({ email: adminEmail, password: adminPassword }, handle.db);
      if (admin.created) prepared.newAdmin = { email: admin.email, password: admin.password };
      await ensureAuthSecret(authSecret, handle.db);
    }
    return prepared;
  } finally {
    await handle.close();
  }
}
