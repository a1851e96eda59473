import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { stories, storyViews } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { notTrashed, publishedNow } from "@/lib/stories/visibility";

// What readers read, for the newsroom's charts: the reads behind the dashboard's sparklines, its
// 30-day chart and today's top stories, and a story's views by hour. story_views holds one row
// per story per UTC hour (written by the view counter); nothing here writes it.
//
// Days are the site's days: an hour counts in the day (in the site's time zone) its start falls
// in, so a day of a change to or from summer time has 23 or 25 hours, and in a zone half an hour
// off UTC an hour straddling midnight counts in the day it starts. Hours are the stored UTC
// hours, printed on the site's clock. Every read is a range of one index: the primary key
// (story_id, hour) for one story or the dashboard's stories, story_views_hour_idx (hour, story_id,
// views) for the whole site, read index-only (lib/performance/query-plans.db.test.ts).

export interface DayViews {
  /** The site's calendar day, "2026-12-07". */
  day: string;
  views: number;
}

export interface HourViews {
  hour: Date;
  views: number;
}

export interface TopStory {
  id: number;
  headline: string;
  views: number;
}

/** The days each dashboard sparkline covers, today included. */
export const SPARKLINE_DAYS = 7;
/** The days of the site's chart, today included. */
export const SITE_DAYS = 30;
/** How many of today's most read stories the dashboard lists. */
export const TOP_STORIES = 10;
/** The most hours a story's chart shows: its first week, or its latest week when older. */
export const STORY_HOURS = 7 * 24;

const HOUR = 3_600_000;

/** The calendar day `at` falls on in `timeZone`, as "YYYY-MM-DD". */
export function siteDay(at: Date, timeZone: string): string {
  // en-CA writes dates as ISO does.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** `count` calendar days ending with `last`, oldest first (calendar arithmetic: no clock involved). */
export function daysEnding(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 24 * HOUR).toISOString().slice(0, 10));
}

/** The day after `day`. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);

/** The instant a site day begins: its midnight on the site's clock (the database knows the zone's rules). */
const startOf = (day: string, timeZone: string): SQL => sql`((${day}::date)::timestamp at time zone ${timeZone})`;

/** An hour's site day. Grouped by position (`group by 1`): the same expression with its own parameters would not match. */
const dayOf = (hour: AnyPgColumn | SQL.Aliased, timeZone: string) => sql<string>`to_char(${hour} at time zone ${timeZone}, 'YYYY-MM-DD')`;

const total = sql<number>`sum(${storyViews.views})`.mapWith(Number);

/** Every day of `days` with its views, a day without any as 0. */
function fillDays(days: string[], rows: { day: string; views: number }[]): DayViews[] {
  const byDay = new Map(rows.map((row) => [row.day, row.views]));
  return days.map((day) => ({ day, views: byDay.get(day) ?? 0 }));
}

/** Each story's views per site day over the last `days` days (today included), in one read for all of them. */
export async function dailyViewsByStory(
  storyIds: readonly number[],
  { timeZone, now = new Date(), days = SPARKLINE_DAYS }: { timeZone: string; now?: Date; days?: number },
  db: Db = getDb(),
): Promise<Map<number, DayViews[]>> {
  const range = daysEnding(siteDay(now, timeZone), days);
  const series = new Map<number, DayViews[]>();
  if (storyIds.length === 0) return series;
  const rows = await db
    .select({ storyId: storyViews.storyId, day: dayOf(storyViews.hour, timeZone), views: total })
    .from(storyViews)
    .where(
      and(
        inArray(storyViews.storyId, [...storyIds]),
        gte(storyViews.hour, startOf(range[0]!, timeZone)),
        lt(storyViews.hour, startOf(nextDay(range.at(-1)!), timeZone)),
      ),
    )
    .groupBy(sql`1`, sql`2`);
  for (const id of storyIds) series.set(id, fillDays(range, rows.filter((row) => row.storyId === id)));
  return series;
}

/** The site's views per site day over the last `days` days (today included). */
export async function siteDailyViews(
  { timeZone, now = new Date(), days = SITE_DAYS }: { timeZone: string; now?: Date; days?: number },
  db: Db = getDb(),
): Promise<DayViews[]> {
  const range = daysEnding(siteDay(now, timeZone), days);
  // The hours first, then their days: the day of each hour is worked out 720 times, not once
  // per story read in it (five times faster on PGlite with 20 stories read an hour).
  const hours = db
    .select({ hour: storyViews.hour, views: sql<number>`sum(${storyViews.views})`.as("views") })
    .from(storyViews)
    .where(and(gte(storyViews.hour, startOf(range[0]!, timeZone)), lt(storyViews.hour, startOf(nextDay(range.at(-1)!), timeZone))))
    .groupBy(storyViews.hour)
    .as("hours");
  const rows = await db
    .select({ day: dayOf(hours.hour, timeZone), views: sql<number>`sum(${hours.views})`.mapWith(Number) })
    .from(hours)
    .groupBy(sql`1`);
  return fillDays(range, rows);
}

/** Today's most read stories (the site's today), among those readers may see now; the most read first. */
export function topStoriesToday(
  { timeZone, now = new Date(), limit = TOP_STORIES }: { timeZone: string; now?: Date; limit?: number },
  db: Db = getDb(),
): Promise<TopStory[]> {
  const today = siteDay(now, timeZone);
  return db
    .select({ id: stories.id, headline: stories.headline, views: total })
    .from(storyViews)
    .innerJoin(stories, eq(stories.id, storyViews.storyId))
    .where(and(gte(storyViews.hour, startOf(today, timeZone)), lt(storyViews.hour, startOf(nextDay(today), timeZone)), publishedNow, notTrashed))
    .groupBy(stories.id)
    .orderBy(desc(total), asc(stories.id))
    .limit(limit);
}

/** The first hour a story's chart shows: its publication's hour, or a week before the current hour for an older story. */
export function firstChartHour(publishedAt: Date, now: Date): Date {
  const published = Math.floor(publishedAt.getTime() / HOUR) * HOUR;
  const current = Math.floor(now.getTime() / HOUR) * HOUR;
  return new Date(Math.max(published, current - (STORY_HOURS - 1) * HOUR));
}

/** A story's views per hour from `firstChartHour` to the current hour, an hour without any as 0. */
export async function storyHourlyViews(
  storyId: number,
  { publishedAt, now = new Date() }: { publishedAt: Date; now?: Date },
  db: Db = getDb(),
): Promise<HourViews[]> {
  const first = firstChartHour(publishedAt, now).getTime();
  if (first > now.getTime()) return [];
  const rows = await db
    .select({ hour: storyViews.hour, views: storyViews.views })
    .from(storyViews)
    .where(and(eq(storyViews.storyId, storyId), gte(storyViews.hour, new Date(first)), lt(storyViews.hour, now)))
    .orderBy(asc(storyViews.hour));
  const byHour = new Map(rows.map((row) => [row.hour.getTime(), row.views]));
  const hours: HourViews[] = [];
  for (let at = first; at <= now.getTime(); at += HOUR) hours.push({ hour: new Date(at), views: byHour.get(at) ?? 0 });
  return hours;
}
