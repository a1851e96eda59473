import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { storyViews } from "@/db/schema";

// Readers' views as the view counter would have stored them, for tests and end-to-end fixtures:
// one row per story per hour, added to what is there.

export interface ViewsAt {
  /** Any time within the hour; the row is the hour's (UTC). */
  at: Date;
  views: number;
}

const HOUR = 3_600_000;

/** The start of the UTC hour `at` falls in. */
export const hourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR) * HOUR);

export async function addViews(db: Db, storyId: number, views: readonly ViewsAt[]): Promise<void> {
  // Two entries in one hour make one row: an insert may not update a row twice.
  const byHour = new Map<number, number>();
  for (const { at, views: count } of views) byHour.set(hourOf(at).getTime(), (byHour.get(hourOf(at).getTime()) ?? 0) + count);
  if (byHour.size === 0) return;
  await db
    .insert(storyViews)
    .values([...byHour].map(([hour, count]) => ({ storyId, hour: new Date(hour), views: count })))
    .onConflictDoUpdate({ target: [storyViews.storyId, storyViews.hour], set: { views: sql`${storyViews.views} + excluded.views` } });
}
