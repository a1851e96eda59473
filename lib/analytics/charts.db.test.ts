import { eq } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stories, type NewStory } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { addViews } from "@/lib/testing/views";
import { dailyViewsByStory, daysEnding, siteDailyViews, siteDay, storyHourlyViews, STORY_HOURS, topStoriesToday } from "./charts";

// The chart reads against stored views: days on the site's clock (its midnight, summer time), gaps
// as zeros, the top list of what readers may see, and a deleted story's views gone with it. Each
// test works in a stretch of time of its own, so the site-wide reads see only its rows.

let t: TestDatabase;
let sectionId = 0;

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
/** One view in every hour from `from` (included) to `to` (excluded). */
const everyHour = (from: string, to: string) =>
  Array.from({ length: (Date.parse(to) - Date.parse(from)) / HOUR }, (_, i) => ({ at: new Date(Date.parse(from) + i * HOUR), views: 1 }));
const published = (headline: string, values: Partial<NewStory> = {}) =>
  createStory(t.db, { sectionId, headline, publishedAt: at("2024-01-01T00:00:00Z"), ...values });

beforeAll(async () => {
  t = await createTestDatabase();
  sectionId = await createSection(t.db, "news", "News");
});
afterAll(() => t.dispose());

describe("calendar days", () => {
  it("counts days back across months and leap days, and reads the day on the site's clock", () => {
    expect(daysEnding("2024-03-02", 3)).toEqual(["2024-02-29", "2024-03-01", "2024-03-02"]);
    expect(siteDay(at("2026-12-07T04:30:00Z"), "America/New_York")).toBe("2026-12-06");
    expect(siteDay(at("2026-12-07T04:30:00Z"), "UTC")).toBe("2026-12-07");
  });
});

describe("a story's views per day", () => {
  it("fills the days without views with zeros, for every story asked about, in one statement", async () => {
    const busy = await published("Busy");
    const quiet = await published("Quiet");
    await addViews(t.db, busy.id, [
      { at: at("2025-05-04T10:00:00Z"), views: 5 },
      { at: at("2025-05-04T11:00:00Z"), views: 2 },
      { at: at("2025-05-10T09:00:00Z"), views: 3 },
      // Before the window: not counted.
      { at: at("2025-05-03T23:00:00Z"), views: 100 },
    ]);
    const session = (t.db as unknown as { session: { logger: Logger } }).session;
    const previous = session.logger;
    let statements = 0;
    session.logger = { logQuery: () => void statements++ };
    const series = await dailyViewsByStory([busy.id, quiet.id], { timeZone: "UTC", now: at("2025-05-10T12:00:00Z") }, t.db).finally(() => {
      session.logger = previous;
    });
    expect(statements).toBe(1);
    expect(series.get(busy.id)).toEqual([
      { day: "2025-05-04", views: 7 },
      { day: "2025-05-05", views: 0 },
      { day: "2025-05-06", views: 0 },
      { day: "2025-05-07", views: 0 },
      { day: "2025-05-08", views: 0 },
      { day: "2025-05-09", views: 0 },
      { day: "2025-05-10", views: 3 },
    ]);
    expect(series.get(quiet.id)!.map((day) => day.views)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(await dailyViewsByStory([], { timeZone: "UTC" }, t.db)).toEqual(new Map());
  });

  it("puts an hour in the day it starts on the site's clock", async () => {
    const story = await published("Late night");
    // 23:30 and 00:30 in New York (UTC-5 in December): two days there, one in UTC.
    await addViews(t.db, story.id, [
      { at: at("2025-12-07T04:00:00Z"), views: 4 },
      { at: at("2025-12-07T05:00:00Z"), views: 6 },
    ]);
    const now = at("2025-12-07T15:00:00Z");
    const newYork = (await dailyViewsByStory([story.id], { timeZone: "America/New_York", now }, t.db)).get(story.id)!;
    expect(newYork.slice(-2)).toEqual([
      { day: "2025-12-06", views: 4 },
      { day: "2025-12-07", views: 6 },
    ]);
    const utc = (await dailyViewsByStory([story.id], { timeZone: "UTC", now }, t.db)).get(story.id)!;
    expect(utc.slice(-2)).toEqual([
      { day: "2025-12-06", views: 0 },
      { day: "2025-12-07", views: 10 },
    ]);
  });

  it("gives a day of a change to or from summer time its 23 or 25 hours", async () => {
    const spring = await published("Spring forward");
    const autumn = await published("Fall back");
    // London: 29 March 2026 has 23 hours, 25 October 2026 has 25.
    await addViews(t.db, spring.id, everyHour("2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z"));
    await addViews(t.db, autumn.id, everyHour("2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z"));
    const timeZone = "Europe/London";
    const springDays = (await dailyViewsByStory([spring.id], { timeZone, now: at("2026-03-30T12:00:00Z"), days: 3 }, t.db)).get(spring.id);
    expect(springDays).toEqual([
      { day: "2026-03-28", views: 24 },
      { day: "2026-03-29", views: 23 },
      { day: "2026-03-30", views: 24 },
    ]);
    const autumnDays = (await dailyViewsByStory([autumn.id], { timeZone, now: at("2026-10-26T12:00:00Z"), days: 3 }, t.db)).get(autumn.id);
    expect(autumnDays).toEqual([
      { day: "2026-10-24", views: 24 },
      { day: "2026-10-25", views: 25 },
      { day: "2026-10-26", views: 24 },
    ]);
  });
});

describe("the site's views per day", () => {
  it("adds every story's views per day over 30 days, zeros between, and forgets a deleted story's", async () => {
    const one = await published("One");
    const two = await published("Two");
    await addViews(t.db, one.id, [{ at: at("2023-06-01T08:00:00Z"), views: 10 }, { at: at("2023-06-30T08:00:00Z"), views: 1 }]);
    await addViews(t.db, two.id, [{ at: at("2023-06-01T20:00:00Z"), views: 5 }]);
    // 31 May is the 31st day back: outside the chart.
    await addViews(t.db, two.id, [{ at: at("2023-05-31T20:00:00Z"), views: 50 }]);
    const read = () => siteDailyViews({ timeZone: "UTC", now: at("2023-06-30T09:00:00Z") }, t.db);
    const days = await read();
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2023-06-01", views: 15 });
    expect(days.slice(1, 29).every((day) => day.views === 0)).toBe(true);
    expect(days[29]).toEqual({ day: "2023-06-30", views: 1 });

    await t.db.delete(stories).where(eq(stories.id, two.id));
    expect((await read())[0]).toEqual({ day: "2023-06-01", views: 10 });
  });
});

describe("today's top stories", () => {
  it("lists today's most read stories readers may see, most read first, not yesterday's", async () => {
    const now = at("2022-03-10T12:00:00Z");
    const first = await published("Most read");
    const second = await published("Second");
    const draft = await createStory(t.db, { sectionId, headline: "A draft", status: "draft", publishedAt: null });
    const embargoed = await published("Embargoed", { publishedAt: new Date(Date.now() + 24 * HOUR) });
    const trashed = await published("Trashed", { trashedAt: new Date() });
    const pulled = await published("Pulled", { status: "unpublished" });
    const deleted = await published("Deleted");
    await addViews(t.db, first.id, [{ at: at("2022-03-10T01:00:00Z"), views: 30 }, { at: at("2022-03-10T11:00:00Z"), views: 20 }]);
    await addViews(t.db, second.id, [{ at: at("2022-03-10T00:00:00Z"), views: 7 }, { at: at("2022-03-09T23:00:00Z"), views: 900 }]);
    for (const other of [draft, embargoed, trashed, pulled, deleted]) await addViews(t.db, other.id, [{ at: at("2022-03-10T10:00:00Z"), views: 1000 }]);
    await t.db.delete(stories).where(eq(stories.id, deleted.id));

    expect(await topStoriesToday({ timeZone: "UTC", now }, t.db)).toEqual([
      { id: first.id, headline: "Most read", views: 50 },
      { id: second.id, headline: "Second", views: 7 },
    ]);
    // In Chicago (UTC-6) it is still the 9th until 06:00 UTC: the 900 count, the morning's do not.
    expect((await topStoriesToday({ timeZone: "America/Chicago", now: at("2022-03-10T05:00:00Z") }, t.db)).map((row) => row.id)).toEqual([second.id, first.id]);
    expect(await topStoriesToday({ timeZone: "UTC", now, limit: 1 }, t.db)).toHaveLength(1);
  });
});

describe("a story's views per hour", () => {
  it("runs from the hour of publication to the current hour, zeros between", async () => {
    const story = await published("Hourly", { publishedAt: at("2021-02-01T10:20:00Z") });
    await addViews(t.db, story.id, [
      { at: at("2021-02-01T10:40:00Z"), views: 3 },
      { at: at("2021-02-01T12:05:00Z"), views: 8 },
    ]);
    const hours = await storyHourlyViews(story.id, { publishedAt: at("2021-02-01T10:20:00Z"), now: at("2021-02-01T13:10:00Z") }, t.db);
    expect(hours).toEqual([
      { hour: at("2021-02-01T10:00:00Z"), views: 3 },
      { hour: at("2021-02-01T11:00:00Z"), views: 0 },
      { hour: at("2021-02-01T12:00:00Z"), views: 8 },
      { hour: at("2021-02-01T13:00:00Z"), views: 0 },
    ]);
  });

  it("shows an older story's latest week, and nothing before an embargo lifts", async () => {
    const story = await published("Older");
    await addViews(t.db, story.id, [{ at: at("2021-03-01T00:00:00Z"), views: 1 }, { at: at("2021-03-20T00:00:00Z"), views: 2 }]);
    const hours = await storyHourlyViews(story.id, { publishedAt: at("2021-01-01T00:00:00Z"), now: at("2021-03-20T00:30:00Z") }, t.db);
    expect(hours).toHaveLength(STORY_HOURS);
    expect(hours.at(-1)).toEqual({ hour: at("2021-03-20T00:00:00Z"), views: 2 });
    expect(hours.reduce((sum, hour) => sum + hour.views, 0)).toBe(2);
    expect(await storyHourlyViews(story.id, { publishedAt: at("2021-04-01T00:00:00Z"), now: at("2021-03-20T00:30:00Z") }, t.db)).toEqual([]);
  });
});
