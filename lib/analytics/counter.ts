import { sql } from "drizzle-orm";
import { storyViews } from "@/db/schema";
import type { Db } from "@/lib/db";

// The view counter: readers' views added up in memory per story per hour, and written in one
// statement every few seconds (and on shutdown), never one write per page view. Each instance
// keeps and flushes its own counts: the write adds to the stored hour, so several instances sum
// right. Nothing about the reader is held, only a story id, an hour and a number.

const HOUR_MS = 3_600_000;
/**
 * At most this many (story, hour) counts wait between flushes: ids that name no story are
 * dropped at the flush, but until then an endless run of made-up ids must not grow the map.
 */
const MAX_PENDING = 50_000;

/** One story's views within one hour, as the flush writes them. */
export interface HourCount {
  storyId: number;
  /** The start of the hour (UTC), in milliseconds. */
  hour: number;
  views: number;
}

/** The start of the hour `time` falls in (UTC), in milliseconds. */
export const hourOf = (time: number) => time - (time % HOUR_MS);

/**
 * Adds `counts` to story_views in ONE statement. Ids of stories deleted (or never published)
 * meanwhile are skipped by the join instead of failing the batch on the foreign key.
 */
export async function writeViews(db: Db, counts: HourCount[]): Promise<void> {
  if (counts.length === 0) return;
  const rows = JSON.stringify(counts.map(({ storyId, hour, views }) => ({ story_id: storyId, hour: new Date(hour).toISOString(), views })));
  await db.execute(sql`
    insert into ${storyViews} (story_id, hour, views)
    select v.story_id, v.hour, v.views
    from json_to_recordset(${rows}::json) as v(story_id integer, hour timestamptz, views integer)
    join stories s on s.id = v.story_id and s.status = 'published'
    order by v.story_id, v.hour
    on conflict (story_id, hour) do update set views = ${storyViews.views} + excluded.views`);
}

export interface ViewCounter {
  /** Counts one view of `storyId` now. */
  add(storyId: number): void;
  /** Writes what was counted since the last flush; counts that fail to be written are kept for the next one. */
  flush(): Promise<void>;
  /** Flushes every `intervalMs` until stopped (a failure goes to `onError`); returns the stop, which flushes one last time. */
  start(intervalMs: number, onError: (error: unknown) => void): () => Promise<void>;
  /** How many (story, hour) counts wait to be written. */
  readonly pending: number;
}

export function viewCounter(write: (counts: HourCount[]) => Promise<void>, now: () => number = Date.now): ViewCounter {
  /** Views by `${hour}:${storyId}`. */
  let counts = new Map<string, HourCount>();
  let flushing: Promise<void> | null = null;

  const addCount = (storyId: number, hour: number, views: number) => {
    const key = `${hour}:${storyId}`;
    const held = counts.get(key);
    if (held) held.views += views;
    else if (counts.size < MAX_PENDING) counts.set(key, { storyId, hour, views });
  };

  const writeOnce = async () => {
    if (counts.size === 0) return;
    const batch = counts;
    counts = new Map();
    try {
      await write([...batch.values()]);
    } catch (error) {
      // The database is away or the statement failed: the views wait for the next flush.
      for (const { storyId, hour, views } of batch.values()) addCount(storyId, hour, views);
      throw error;
    }
  };

  const flush = (): Promise<void> => {
    // One flush at a time: a second caller waits for the running one, then writes what came since.
    const run = (flushing ?? Promise.resolve()).catch(() => {}).then(writeOnce);
    const tracked = run.finally(() => {
      if (flushing === tracked) flushing = null;
    });
    flushing = tracked;
    return tracked;
  };

  return {
    add(storyId) {
      addCount(storyId, hourOf(now()), 1);
    },
    flush,
    start(intervalMs, onError) {
      const timer = setInterval(() => void flush().catch(onError), intervalMs);
      timer.unref();
      return () => {
        clearInterval(timer);
        return flush();
      };
    },
    get pending() {
      return counts.size;
    },
  };
}
