import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSection } from "@/lib/testing/fixtures";
import { media, relatedStories, sections, stories, storyAuthors, storyTags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { setProcessDatabase } from "@/db/client";
import { getLiveOverview } from "@/lib/live/queries";
import { getPublishedArticle } from "@/lib/stories/queries";
import { storySearchMatch } from "@/lib/stories/search-vector";
import { seedStories } from "./content/stories";
import { seedDemoEdition } from "./demo-edition";
import { diskStore } from "@/lib/media/storage";

let test: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  test = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-seed-"));
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo edition", () => {
  it("seeds an empty database with at least 24 illustrated stories in at least 5 sections", async () => {
    const result = await seedDemoEdition(test, { store: diskStore(dataDir) });
    expect(result.seeded).toBe(true);

    const sectionPaths = (await test.db.select({ path: sections.path }).from(sections)).map((s) => s.path);
    expect(sectionPaths).toEqual(expect.arrayContaining(["news", "news/us", "news/world"]));
    expect(sectionPaths.length).toBeGreaterThanOrEqual(5);

    const rows = await test.db
      .select({ id: stories.id, alt: stories.heroAlt, caption: stories.heroCaption, credit: stories.heroCredit, key: media.storageKey })
      .from(stories)
      .innerJoin(media, eq(media.id, stories.heroMediaId));
    expect(rows.length).toBeGreaterThanOrEqual(24);
    for (const row of rows) {
      expect(row.alt.length).toBeGreaterThan(10);
      expect(row.caption.length).toBeGreaterThan(10);
      expect(row.credit.length).toBeGreaterThan(3);
      const file = fs.readFileSync(path.join(dataDir, "uploads", row.key));
      expect(file.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
    }

    // Every story has bylines, tags and related stories.
    for (const [table, column] of [
      [storyAuthors, storyAuthors.storyId],
      [storyTags, storyTags.storyId],
      [relatedStories, relatedStories.storyId],
    ] as const) {
      const withRows = await test.db.selectDistinct({ id: column }).from(table);
      expect(withRows).toHaveLength(rows.length);
    }
  });

  it("writes every story's search words: each story is found by its byline and one of its tags", async () => {
    const [unwritten] = await test.db.select({ n: count() }).from(stories).where(sql`${stories.searchVector} = ''::tsvector`);
    expect(unwritten!.n).toBe(0);
    const reference = seedStories[0]!;
    const [row] = await test.db.select({ id: stories.id }).from(stories).where(eq(stories.slug, reference.slug));
    const match = await storySearchMatch(test.db, `"${reference.tags[0]}" ${reference.headline}`);
    expect((await test.db.select({ id: stories.id }).from(stories).where(match)).map((found) => found.id)).toEqual([row!.id]);
  });

  it("has one story that follows the reference page: News > U.S., deck, credited photo, inline related link", async () => {
    const reference = seedStories[0]!;
    const [row] = await test.db.select({ id: stories.id }).from(stories).where(eq(stories.slug, reference.slug));
    const article = await getPublishedArticle(row!.id);
    expect(article).toMatchObject({ sectionPath: "news/us", deck: reference.deck, commentCount: 0 });
    expect(article?.heroCredit).toMatch(/^Photo: X\/ @\w+/);
    expect(article?.heroCaption).toBe(reference.hero.caption);
    const blocks = article!.body.content;
    const inline = blocks.findIndex((block) => block.type === "relatedStory");
    expect(inline).toBeGreaterThan(0);
    expect(blocks[inline - 1]?.type).toBe("paragraph");
    expect(blocks[inline + 1]?.type).toBe("paragraph");
    expect(Object.keys(article!.inlineRelated)).toHaveLength(1);
  });

  it("ships both live streams on air, with posters in the library and a show on now and next", async () => {
    const streams = await getLiveOverview();
    expect(streams.map((stream) => [stream.slug, stream.playable])).toEqual([
      ["video", true],
      ["audio", true],
    ]);
    for (const stream of streams) {
      expect(stream.poster?.alt.length).toBeGreaterThan(10);
      const file = fs.readFileSync(path.join(dataDir, "uploads", stream.poster!.src.replace("/media/", "")));
      expect(file.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(stream.now).not.toBeNull();
      expect(stream.next).not.toBeNull();
    }
    // Weeks of programme: a demo database started again next week still has a "now".
    const inThreeWeeks = await getLiveOverview(new Date(Date.now() + 21 * 86_400_000));
    expect(inThreeWeeks.every((stream) => stream.now !== null)).toBe(true);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = await test.db.select({ n: count() }).from(stories);
    const result = await seedDemoEdition(test, { store: diskStore(dataDir) });
    expect(result).toEqual({ seeded: false, reason: "the database already has content" });
    expect(await test.db.select({ n: count() }).from(stories)).toEqual(before);
  });
});

it("never touches a database that already has content", async () => {
  const other = await createTestDatabase();
  try {
    await createSection(other.db, "local", "Local news");
    const result = await seedDemoEdition(other, { store: diskStore(dataDir) });
    expect(result.seeded).toBe(false);
    expect(await other.db.select({ n: count() }).from(stories)).toEqual([{ n: 0 }]);
    expect(await other.db.select({ n: count() }).from(sections)).toEqual([{ n: 1 }]);
  } finally {
    await other.dispose();
    setProcessDatabase(test);
  }
});
