import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedDemoEdition } from "@/db/seed/demo-edition";
import { env } from "@/lib/env";
import { describeConnectionError } from "./cli";

/** Opens the configured database and proves it answers, with a clear error if it does not. */
export async function openCheckedDatabase(): Promise<DbHandle> {
  const { databaseUrl } = env();
  const handle = openDatabase();
  try {
    await handle.db.execute(sql`select 1`);
  } catch (error) {
    await handle.close().catch(() => {});
    if (databaseUrl) throw describeConnectionError(databaseUrl, error);
    throw error;
  }
  return handle;
}

/** Migrates, then seeds the demo edition into an empty database. Closes the database after. */
export async function prepareDatabase(options: { seed: boolean; log: (line: string) => void }) {
  const { databaseUrl, dataDir } = env();
  options.log(databaseUrl ? "Database: PostgreSQL server (DATABASE_URL)" : `Database: embedded PGlite in ${dataDir}`);
  const handle = await openCheckedDatabase();
  try {
    await runMigrations(handle);
    options.log("Migrations applied");
    if (options.seed) {
      const result = await seedDemoEdition(handle, { log: options.log });
      options.log(
        result.seeded
          ? `Seeded the demo edition: ${result.stories} stories in ${result.sections} sections`
          : `Demo edition not seeded: ${result.reason}`,
      );
    }
  } finally {
    await handle.close();
  }
}
