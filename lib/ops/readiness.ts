import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder } from "@/db/migrate";
import { databaseErrorCause } from "@/db/errors";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";

// Whether this instance should be sent readers (GET /api/ready, lib/ops/answer.ts): its database
// answers, within READY_TIMEOUT_MS, and holds every migration this version ships; and it is not
// shutting down. One small query per check, shared by checks that arrive together. The page cache
// and rate limits live in this process (no Redis is configured in this version), so there is no
// cache service to reach; a check for one belongs in `checks` when there is.

export type Readiness = { ready: true } | { ready: false; reason: string };

/** A check slower than this counts as a database that does not answer. */
const READY_TIMEOUT_MS = 3000;

/** When the newest migration this version ships was generated: drizzle records it as applied. */
export function latestMigrationStamp(folder = migrationsFolder): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "READY_TIMEOUT" })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The newest migration the database has applied (drizzle's own table), or 0 for none. */
async function appliedMigrationStamp(db: Db): Promise<number> {
  const rows = await db.execute<{ at: string | null }>(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
  const row = (Array.isArray(rows) ? rows[0] : (rows as unknown as { rows: { at: string | null }[] }).rows[0]) as { at: string | null } | undefined;
  return Number(row?.at ?? 0);
}

/**
 * The readiness check of one process: `db` gives its database, `stopping` says a shutdown began.
 * A change of answer is logged once (with the database's error), not at every probe.
 */
export function readinessCheck(db: () => Db, stopping: () => boolean, expected = latestMigrationStamp(), timeoutMs = READY_TIMEOUT_MS) {
  let running: Promise<Readiness> | undefined;
  let last: Readiness = { ready: true };

  async function check(): Promise<Readiness> {
    try {
      const applied = await withTimeout(appliedMigrationStamp(db()), timeoutMs);
      if (applied < expected) return { ready: false, reason: "The database's migrations are behind this version: run npm run db:migrate." };
      return { ready: true };
    } catch (error) {
      if (last.ready) log.warn({ code: databaseErrorCause(error)?.code, err: error }, "Readiness: the database does not answer");
      return { ready: false, reason: "The database does not answer." };
    }
  }

  return async (): Promise<Readiness> => {
    if (stopping()) return { ready: false, reason: "This instance is shutting down." };
    running ??= check().finally(() => {
      running = undefined;
    });
    const answer = await running;
    if (answer.ready !== last.ready) log.info({ ready: answer.ready, reason: answer.ready ? undefined : answer.reason }, "Readiness changed");
    last = answer;
    return answer;
  };
}
