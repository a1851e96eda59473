import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gt } from "drizzle-orm";
import { sections, storyTags, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import {
  countStoryPages,
  countTaxonomyPages,
  listNewsEntries,
  listSectionEntries,
  listStoryPage,
  listTaxonomyPage,
  type SitemapEntry,
} from "./queries";

// What the sitemaps list and what they never do: drafts, scheduled, pulled and embargoed stories,
// and tags or authors with nothing published. Times are chosen, not waited for.

let test: TestDatabase;
const HOUR = 3_600_000;
const now = new Date();
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const SECTIONS_SAVED = new Date("2025-06-01T00:00:00Z");
const published: { id: number; path: string }[] = [];

async function tag(slug: string, storyId: number) {
  const [row] = await test.db.insert(tags).values({ slug, name: slug }).returning({ id: tags.id });
  await test.db.insert(storyTags).values({ storyId, tagId: row!.id });
}

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  const news = await createSection(db, "news", "News");
  const us = await createSection(db, "news/us", "U.S.");
  await createSection(db, "culture", "Culture");
  // Sections last saved long ago: their stories decide their lastmod.
  await db.update(sections).set({ updatedAt: SECTIONS_SAVED }).where(gt(sections.id, 0));
  const [alice, bob, carol] = [await createAuthor(db, "Alice"), await createAuthor(db, "Bob"), await createAuthor(db, "Carol")];

  const old = await createStory(
    db,
    { sectionId: us, slug: "old-revised", publishedAt: new Date("2026-01-01T08:00:00Z"), revisedAt: new Date("2026-02-01T09:30:00Z") },
    { authorIds: [alice] },
  );
  await tag("alpha", old.id);
  const draft = await createStory(db, { sectionId: us, slug: "a-draft", status: "draft", publishedAt: null }, { authorIds: [bob] });
  await tag("draft-only", draft.id);
  await createStory(db, { sectionId: us, slug: "scheduled", status: "scheduled", publishedAt: null, scheduledAt: ago(-5) });
  const pulled = await createStory(db, { sectionId: news, slug: "pulled", status: "unpublished", publishedAt: ago(3) });
  await tag("pulled-only", pulled.id);
  await createStory(db, { sectionId: news, slug: "embargoed", publishedAt: ago(-24) }, { authorIds: [carol] });
  const recent = await createStory(db, { sectionId: us, slug: "recent", publishedAt: ago(47) });
  const older = await createStory(db, { sectionId: news, slug: "two-days-ago", publishedAt: ago(49) });
  published.push({ id: old.id, path: "/news/us/old-revised" }, { id: recent.id, path: "/news/us/recent" }, { id: older.id, path: "/news/two-days-ago" });
});

afterAll(async () => {
  await test.dispose();
});

async function allStoryEntries(pageSize: number): Promise<SitemapEntry[][]> {
  const pages = await countStoryPages(pageSize, test.db);
  return Promise.all(Array.from({ length: pages }, (_, i) => listStoryPage(i + 1, pageSize, test.db)));
}

describe("story sitemap pages", () => {
  it("list exactly the stories readers may see, with lastmod the later of publication and revision", async () => {
    const [page, ...rest] = await allStoryEntries(50_000);
    expect(rest).toEqual([]);
    expect(page!.map((entry) => entry.path)).toEqual(published.map((story) => story.path));
    expect(page![0]!.lastModified).toBe("2026-02-01T09:30:00.000Z");
    expect(page![1]!.lastModified).toBe(ago(47).toISOString());
  });

  it.each([1, 2, 3, 4])("with %i URLs a page, pages are id ranges that split the archive without gaps or repeats", async (size) => {
    const maxId = Math.max(...published.map((story) => story.id));
    const pages = await allStoryEntries(size);
    expect(pages).toHaveLength(Math.ceil(maxId / size));
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(size);
    expect(pages.flat().map((entry) => entry.path)).toEqual(published.map((story) => story.path));
    // Page n holds ids ((n-1)·size, n·size].
    for (const story of published) {
      expect(pages[Math.ceil(story.id / size) - 1]!.map((entry) => entry.path)).toContain(story.path);
    }
  });
});

describe("section sitemap", () => {
  it("lists the front page and every section, changed when a story in or below it was", async () => {
    const entries = await listSectionEntries(test.db);
    expect(entries.map((entry) => entry.path)).toEqual(["/", "/culture", "/news", "/news/us"]);
    const byPath = Object.fromEntries(entries.map((entry) => [entry.path, entry.lastModified]));
    // The newest visible story is in news/us; news lists it too. The pulled one (3 hours) counts nowhere.
    expect(byPath["/news/us"]).toBe(ago(47).toISOString());
    expect(byPath["/news"]).toBe(ago(47).toISOString());
    expect(byPath["/"]).toBe(ago(47).toISOString());
    // A section with no story changed when the section itself was saved.
    expect(byPath["/culture"]).toBe(SECTIONS_SAVED.toISOString());
  });
});

describe("tag and author sitemaps", () => {
  it.each([
    ["tags", ["/tags/alpha"]],
    ["authors", [expect.stringMatching(/^\/authors\/alice-/)]],
  ] as const)("list only %s with a published story", async (taxonomy, paths) => {
    expect(await countTaxonomyPages(taxonomy, 50_000, test.db)).toBe(1);
    const entries = await listTaxonomyPage(taxonomy, 1, 50_000, test.db);
    expect(entries.map((entry) => entry.path)).toEqual(paths);
    expect(entries[0]!.lastModified).toBe("2026-02-01T09:30:00.000Z");
  });

  it("count pages only up to the last tag with a published story", async () => {
    // "alpha" is the first tag created; the two after it have nothing published.
    expect(await countTaxonomyPages("tags", 1, test.db)).toBe(1);
    expect(await listTaxonomyPage("tags", 2, 1, test.db)).toEqual([]);
  });
});

describe("news sitemap", () => {
  it.each([
    ["now", 0, ["/news/us/recent"]],
    ["two hours ago: the 49-hour-old story was 47 hours old", 2, ["/news/us/recent", "/news/two-days-ago"]],
    ["a day ahead: both older than 48 hours", -24, []],
  ])("at %s, lists the stories of the 48 hours before", async (_label, hoursBack, paths) => {
    const entries = await listNewsEntries(ago(hoursBack), test.db);
    expect(entries.map((entry) => entry.path)).toEqual(paths);
  });

  it("never lists an embargoed, pulled or draft story, even inside the window", async () => {
    const paths = (await listNewsEntries(now, test.db)).map((entry) => entry.path);
    for (const slug of ["embargoed", "pulled", "a-draft", "scheduled"]) expect(paths.join()).not.toContain(slug);
  });
});
