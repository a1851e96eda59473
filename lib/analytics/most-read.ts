import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import { media, sections, stories, storyViews } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { summaryColumns, toSummary, type StorySummary } from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";
import { hourOf } from "./counter";

// "Most read": the published stories readers viewed most over the last day, from the counts the
// view counter writes per story per hour (./counter.ts). The window is 24 hours, not 48: a news
// site's list should turn over within the day, and an hour's row is the finest it can be.

const HOUR_MS = 3_600_000;
/** The hours counted: this one and the 23 before it. */
export const MOST_READ_HOURS = 24;
export const MOST_READ_COUNT = 5;
/**
 * The most viewed stories read before the published check. A story unpublished within the day
 * keeps its counted views, so the top is read a few times over; the list is short only if more
 * than three in four of those were all withdrawn the same day.
 */
const CANDIDATES_PER_PLACE = 4;

/**
 * The `limit` published stories with the most views in the window ending at `now`, most first;
 * a tie goes to the newer story. The counts are summed through story_views_hour_idx (the hour
 * range, index-only), then only the top candidates are joined to their stories.
 */
export async function listMostRead(
  { limit = MOST_READ_COUNT, now = new Date() }: { limit?: number; now?: Date } = {},
  db: Db = getDb(),
): Promise<StorySummary[]> {
  const since = new Date(hourOf(now.getTime()) - (MOST_READ_HOURS - 1) * HOUR_MS);
  const total = sql<string>`sum(${storyViews.views})`.as("total");
  const top = db
    .select({ storyId: storyViews.storyId, total })
    .from(storyViews)
    .where(and(gte(storyViews.hour, since), lte(storyViews.hour, now)))
    .groupBy(storyViews.storyId)
    .orderBy(desc(total), desc(storyViews.storyId))
    .limit(limit * CANDIDATES_PER_PLACE)
    .as("top");
  const rows = await db
    .select(summaryColumns)
    .from(top)
    .innerJoin(stories, eq(stories.id, top.storyId))
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(media, eq(media.id, stories.heroMediaId))
    .where(publishedNow)
    .orderBy(desc(top.total), desc(stories.id))
    .limit(limit);
  return rows.map(toSummary);
}
