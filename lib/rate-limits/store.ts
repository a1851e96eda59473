import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { rateLimits } from "@/db/schema";

// Counters for throttling, kept in the database so every instance sees the same numbers.

export interface Counter {
  count: number;
  resetAt: Date;
  blockedUntil: Date | null;
}

/** The counter's state, or null if it has none or its window has passed. */
export async function readCounter(key: string, db: Db = getDb()): Promise<Counter | null> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
  if (!row || row.resetAt.getTime() <= Date.now()) return null;
  return { count: row.count, resetAt: row.resetAt, blockedUntil: row.blockedUntil };
}

/**
 * Adds one to the counter in a single statement (safe with concurrent instances), starting a new
 * window of `windowMs` when the old one has passed; `block` then decides a block from the new count.
 */
export async function incrementCounter(
  key: string,
  windowMs: number,
  block: (count: number) => number | null,
  db: Db = getDb(),
): Promise<Counter> {
  const windowSeconds = windowMs / 1000;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt: sql`now() + make_interval(secs => ${windowSeconds})` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.count} + 1 end`,
        blockedUntil: sql`case when ${rateLimits.resetAt} <= now() then null else ${rateLimits.blockedUntil} end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= now() then now() + make_interval(secs => ${windowSeconds}) else ${rateLimits.resetAt} end`,
      },
    })
    .returning();
  const blockMs = block(row!.count);
  if (blockMs === null) return { count: row!.count, resetAt: row!.resetAt, blockedUntil: row!.blockedUntil };
  const blockSeconds = blockMs / 1000;
  const [blocked] = await db
    .update(rateLimits)
    .set({
      // Failures counted at once on several instances each set a block: the longest one stays.
      blockedUntil: sql`greatest(${rateLimits.blockedUntil}, now() + make_interval(secs => ${blockSeconds}))`,
      resetAt: sql`greatest(${rateLimits.resetAt}, now() + make_interval(secs => ${blockSeconds}))`,
    })
    .where(eq(rateLimits.key, key))
    .returning();
  return { count: blocked!.count, resetAt: blocked!.resetAt, blockedUntil: blocked!.blockedUntil };
}

export async function clearCounter(key: string, db: Db = getDb()): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
