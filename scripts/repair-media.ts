// npm run media:repair – re-encodes uploaded images whose bytes are not the format their name
// says (uploads once stored every image as a GIF) and corrects their rows. Safe to run again.
import { loadEnvFiles, fail } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";
import { runMigrations } from "@/db/migrate";
import { env } from "@/lib/env";
import { repairStoredMedia } from "@/lib/media/repair";

loadEnvFiles();
try {
  const { databaseUrl, dataDir } = env();
  console.log(databaseUrl ? "Database: PostgreSQL server (DATABASE_URL)" : `Database: embedded PGlite in ${dataDir}`);
  const handle = await openCheckedDatabase();
  try {
    await runMigrations(handle);
    await repairStoredMedia({ log: console.log }, handle.db);
  } finally {
    await handle.close();
  }
} catch (error) {
  fail(error);
}
