import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storyViews } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { hourOf } from "./counter";
import { listMostRead, MOST_READ_HOURS } from "./most-read";

// "Most read": published stories by their views over the last 24 hours, most first.

const HOUR = 3_600_000;
/** A fixed "now", half past an hour. */
const NOW = new Date(Date.UTC(2026, 10, 2, 12, 30));
let t: TestDatabase;
const ids: Record<string, number> = {};

/** `views` views of story `name`, `hoursAgo` hours before NOW's hour. */
const viewed = (name: string, hoursAgo: number, views: number) => ({ storyId: ids[name]!, hour: new Date(hourOf(NOW.getTime()) - hoursAgo * HOUR), views });

beforeAll(async () => {
  t = await createTestDatabase();
  const section = await createSection(t.db, "read-desk", "Read desk");
  for (const name of ["steady", "burst", "tieOlder", "tieNewer", "yesterday", "draft", "withdrawn"]) {
    const status = name === "draft" ? "draft" : name === "withdrawn" ? "unpublished" : "published";
    ids[name] = (await createStory(t.db, { sectionId: section, slug: `read-${name.toLowerCase()}`, status, publishedAt: status === "draft" ? null : new Date(NOW.getTime() - 48 * HOUR) })).id;
  }
  await t.db.insert(storyViews).values([
    // 3 views an hour over the whole day: 72, more than one busy hour.
    ...Array.from({ length: MOST_READ_HOURS }, (_, hour) => viewed("steady", hour, 3)),
    viewed("burst", 0, 50),
    viewed("tieOlder", 2, 10),
    viewed("tieNewer", 5, 10),
    // Outside the window: 25 hours before.
    viewed("yesterday", MOST_READ_HOURS, 1_000),
    viewed("yesterday", 1, 1),
    // Read most, but readers may not see them now.
    viewed("draft", 0, 500),
    viewed("withdrawn", 0, 400),
  ]);
});
afterAll(() => t.dispose());

const names = (list: { id: number }[]) => list.map((story) => Object.keys(ids).find((name) => ids[name] === story.id));

describe("listMostRead", () => {
  it("orders published stories by their views over the day, a tie to the newer story", async () => {
    expect(names(await listMostRead({ now: NOW }, t.db))).toEqual(["steady", "burst", "tieNewer", "tieOlder", "yesterday"]);
  });

  it("keeps to its limit", async () => {
    expect(names(await listMostRead({ now: NOW, limit: 2 }, t.db))).toEqual(["steady", "burst"]);
  });

  it("counts only the hours of the window", async () => {
    // 23 hours later only NOW's hour is left of those: 3 steady views against the burst's 50.
    const later = new Date(NOW.getTime() + 23 * HOUR);
    expect(names(await listMostRead({ now: later, limit: 2 }, t.db))).toEqual(["burst", "steady"]);
  });

  it("is empty when nothing was read", async () => {
    expect(await listMostRead({ now: new Date(NOW.getTime() + 100 * HOUR) }, t.db)).toEqual([]);
  });
});
