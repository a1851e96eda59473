import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { keepPlanned, openDatabase, processDatabase, type Db, type DbHandle } from "@/db/client";
import { selectingDb, type ReplicaChange } from "@/db/replicas";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Where the application gets its database. db/ takes its configuration from its caller and
// imports nothing above it; this module is that caller, with DATABASE_URL and DATA_DIR from the
// validated environment. A script that opened the database itself hands it over with
// setProcessDatabase (db/client.ts) before the first getDb.

export type { Db };
export { keepPlanned, selectingDb };

/** A replica skipped (down or behind) or back in use, in the log: `replica skipped` / `replica back`. */
function logReplica({ replica, state, reason }: ReplicaChange): void {
  if (state === "skipped") log.warn({ replica, reason }, `replica skipped: ${replica} is ${reason}; its reads go to the primary`);
  else log.info({ replica }, state === "back" ? `replica back: ${replica} is used again` : `replica in use: ${replica}`);
}

/** The database the environment configures (DATABASE_URL with DATABASE_REPLICA_URLS, or DATA_DIR), replica changes logged. */
export function openConfiguredDatabase(): DbHandle {
  return openDatabase(env(), logReplica);
}

/** The process-wide Drizzle database, opened from the environment on first use. */
export function getDb(): Db {
  return processDatabase(openConfiguredDatabase).db;
}

/**
 * A timestamp column as the ISO text `Date#toISOString` writes ("2024-04-29T14:05:00.000Z"), for
 * reads that build JSON in SQL: cached results carry dates as those strings.
 */
export function isoTime(column: AnyPgColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
