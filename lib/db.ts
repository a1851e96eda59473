import { openDatabase, processDatabase, type Db } from "@/db/client";
import { env } from "@/lib/env";

// Where the application gets its database. db/ takes its configuration from its caller and
// imports nothing above it; this module is that caller, with DATABASE_URL and DATA_DIR from the
// validated environment. A script that opened the database itself hands it over with
// setProcessDatabase (db/client.ts) before the first getDb.

export type { Db };

/** The process-wide Drizzle database, opened from the environment on first use. */
export function getDb(): Db {
  return processDatabase(() => openDatabase(env())).db;
}
