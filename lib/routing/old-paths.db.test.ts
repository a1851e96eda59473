import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oldPaths, stories, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { recordOldPaths, siteFeedOldPaths, wordpressArchivePaths, wordpressOldPaths } from "@/lib/import/old-urls";
import { createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import { answerOf } from "@/lib/testing/path-rule-answer";
import { GONE_PAGE } from "./answer-path-rule";
import { lookupOldPath } from "./old-paths";
import { invalidatePathRules, loadPathRules, matchPathRule } from "./path-rules";

// An imported site's old addresses, stored by the importer and answered by the server: each a
// 301 to the new address in one hop (with or without its trailing slash), a 410 for a story
// withdrawn since, unknown ones still 404; stored once however often the import runs.

let test: TestDatabase;
const ids = { story: 0, pulled: 0, draft: 0, section: 0, tag: 0, author: 0, authorSlug: "" };
const site = { baseUrl: "https://old.example.com" };

const answer = answerOf;

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  await createSection(db, "news", "News");
  ids.section = await createSection(db, "news/us", "U.S.");
  ids.story = (await createStory(db, { sectionId: ids.section, slug: "harbour-opens" })).id;
  ids.pulled = (await createStory(db, { sectionId: ids.section, slug: "pulled", status: "unpublished" })).id;
  ids.draft = (await createStory(db, { sectionId: ids.section, slug: "draft", status: "draft", publishedAt: null })).id;
  ids.author = await createAuthor(db, "Ana Ruiz");
  const [tag] = await db.insert(tags).values({ slug: "weather", name: "Weather" }).returning({ id: tags.id });
  ids.tag = tag!.id;

  const post = { id: 123, slug: "harbour-opens", link: "https://old.example.com/2019/04/29/harbour-opens/", guid: "https://old.example.com/?p=123", date: "2019-04-29 08:00:00" };
  await db.transaction(async (tx) => {
    expect(await recordOldPaths(tx, { storyId: ids.story }, wordpressOldPaths(post, site))).toEqual([]);
    await recordOldPaths(tx, { storyId: ids.pulled }, wordpressOldPaths({ id: 124, slug: "pulled", date: "2018-01-02 00:00:00" }, site));
    await recordOldPaths(tx, { storyId: ids.draft }, ["/?p=125"]);
    const category = wordpressArchivePaths("category", ["news", "us"], site);
    await recordOldPaths(tx, { sectionId: ids.section }, category.page);
    await recordOldPaths(tx, { sectionId: ids.section, feedOf: "section" }, category.feed);
    const tagPaths = wordpressArchivePaths("tag", ["weather"], site);
    await recordOldPaths(tx, { tagId: ids.tag }, tagPaths.page);
    await recordOldPaths(tx, { tagId: ids.tag, feedOf: "tag" }, tagPaths.feed);
    const authorPaths = wordpressArchivePaths("author", ["ana"], site);
    await recordOldPaths(tx, { authorId: ids.author }, authorPaths.page);
    await recordOldPaths(tx, { authorId: ids.author, feedOf: "author" }, authorPaths.feed);
    await recordOldPaths(tx, { feedOf: "site" }, siteFeedOldPaths(site));
  });
  ids.authorSlug = (await db.query.authors.findFirst({ where: (a, { eq: is }) => is(a.id, ids.author) }))!.slug;
  invalidatePathRules();
});

afterAll(async () => {
  await test.dispose();
});

describe("recordOldPaths", () => {
  it("stores each address once; a second run changes nothing; an address taken by another item is reported, not moved", async () => {
    const before = await test.db.$count(oldPaths);
    expect(before).toBe(3 + 3 + 1 + 2 + 6 + 1 + 3 + 1 + 3 + 5);
    const post = { id: 123, slug: "harbour-opens", link: "https://old.example.com/2019/04/29/harbour-opens", guid: "https://old.example.com/?p=123", date: "2019-04-29 08:00:00" };
    expect(await recordOldPaths(test.db, { storyId: ids.story }, wordpressOldPaths(post, site))).toEqual([]);
    expect(await test.db.$count(oldPaths)).toBe(before);
    const conflicts = await recordOldPaths(test.db, { storyId: ids.draft }, ["https://old.example.com/?p=123", "/fresh-address/"]);
    expect(conflicts).toEqual([{ path: "/?p=123", message: `The old address /?p=123 already leads to story ${ids.story}: kept there, not to story ${ids.draft}` }]);
    expect(await test.db.$count(oldPaths)).toBe(before + 1);
    await test.db.delete(oldPaths).where(eq(oldPaths.path, "/fresh-address"));
  });

  it("keeps them out of the path rules every server holds in memory", async () => {
    const { rules, sectionPaths } = await loadPathRules(test.db);
    const stored = await test.db.select({ path: oldPaths.path }).from(oldPaths);
    expect(stored.length).toBeGreaterThan(20);
    expect(stored.filter(({ path }) => rules.has(path))).toEqual([]);
    expect([...sectionPaths].sort()).toEqual(["news", "news/us"]);
  });

  it("refuses a target that is not exactly one item (or the site's feed)", async () => {
    await expect(recordOldPaths(test.db, {}, ["/x"])).rejects.toThrow(/one story, section, tag or author/);
    await expect(recordOldPaths(test.db, { storyId: ids.story, tagId: ids.tag }, ["/x"])).rejects.toThrow();
    await expect(recordOldPaths(test.db, { storyId: ids.story, feedOf: "section" }, ["/x"])).rejects.toThrow();
    await expect(test.db.insert(oldPaths).values({ path: "/x", storyId: ids.story, feed: true })).rejects.toThrow();
    await expect(test.db.insert(oldPaths).values({ path: "/x", storyId: ids.story, tagId: ids.tag })).rejects.toThrow();
    expect(await test.db.$count(oldPaths, eq(oldPaths.path, "/x"))).toBe(0);
  });
});

describe("answering old addresses", () => {
  it.each([
    ["/2019/04/29/harbour-opens/", "/news/us/harbour-opens"],
    ["/2019/04/29/harbour-opens", "/news/us/harbour-opens"],
    ["/2019/04/29/harbour-opens/?utm_source=mail", "/news/us/harbour-opens?utm_source=mail"],
    ["/?p=123", "/news/us/harbour-opens"],
    ["/index.php?p=123&replytocom=4", "/news/us/harbour-opens"],
    ["/harbour-opens/", "/news/us/harbour-opens"],
    ["/harbour-opens", "/news/us/harbour-opens"],
    ["/category/news/us/", "/news/us"],
    ["/category/us", "/news/us"],
    ["/category/news/us/feed/", "/news/us/feed.xml"],
    ["/tag/weather/", "/tags/weather"],
    ["/tag/weather/feed/", "/tags/weather/feed.xml"],
    ["/feed/", "/feed.xml"],
    ["/rss/", "/feed.xml"],
  ])("answers %s with a 301 to %s, in one hop", async (url, location) => {
    const answered = await answer(url);
    expect(answered).toMatchObject({ outcome: "answered", status: 301, location });
    // One hop: the new address is no redirect itself.
    const target = location.split("?")[0]!;
    expect(await matchPathRule(target)).toBeUndefined();
    expect(await answer(target)).toMatchObject({ outcome: "continue", status: 200 });
  });

  it("leads an author's old addresses to the author's page and feed", async () => {
    expect(await answer("/author/ana/")).toMatchObject({ status: 301, location: `/authors/${ids.authorSlug}` });
    expect(await answer("/author/ana/feed/")).toMatchObject({ status: 301, location: `/authors/${ids.authorSlug}/feed.xml` });
  });

  it("answers 410 for a story withdrawn since, and leaves unknown old addresses and unpublished stories' to the 404", async () => {
    expect(await answer("/2018/01/02/pulled/")).toMatchObject({ outcome: "continue", status: 410, url: GONE_PAGE });
    for (const url of ["/2019/04/29/never-was/", "/category/nothing/", "/news/us/harbour-opens", "/news/us"]) {
      expect(await answer(url)).toMatchObject({ outcome: "continue", status: 200, url });
    }
    // A query address of no imported item (or of a draft) is an unknown address, not the front page.
    for (const url of ["/?p=125", "/?p=999"]) expect(await answer(url)).toMatchObject({ outcome: "continue", url: "/_not-addressable" });
  });

  it("keeps answers for a while, and forgets them when an address changes in this process", async () => {
    expect(await answer("/harbour-opens/")).toMatchObject({ status: 301, location: "/news/us/harbour-opens" });
    await test.db.update(stories).set({ slug: "harbour-reopens" }).where(eq(stories.id, ids.story));
    // Kept: the database is not asked again for an address it answered a moment ago.
    expect(await answer("/harbour-opens/")).toMatchObject({ status: 301, location: "/news/us/harbour-opens" });
    // The story commands call this after a slug change (lib/stories/commands.ts).
    invalidatePathRules();
    expect(await answer("/harbour-opens/")).toMatchObject({ status: 301, location: "/news/us/harbour-reopens" });
    expect(await lookupOldPath(test.db, "/?p=123")).toEqual({ status: 301, location: "/news/us/harbour-reopens" });
    await test.db.update(stories).set({ slug: "harbour-opens" }).where(eq(stories.id, ids.story));
    invalidatePathRules();
  });

  it("gives way to the page itself when the old address is the new one", async () => {
    await recordOldPaths(test.db, { storyId: ids.story }, ["https://old.example.com/news/us/harbour-opens/"]);
    expect(await lookupOldPath(test.db, "/news/us/harbour-opens")).toBeUndefined();
  });

  it("forgets the addresses of a deleted tag; a story deleted for good leaves its old addresses gone (410)", async () => {
    await test.db.delete(tags).where(eq(tags.id, ids.tag));
    expect(await test.db.$count(oldPaths, eq(oldPaths.path, "/tag/weather"))).toBe(0);
    await test.db.delete(stories).where(eq(stories.id, ids.pulled));
    expect(await lookupOldPath(test.db, "/2018/01/02/pulled")).toEqual({ status: 410 });
    expect(await lookupOldPath(test.db, "/?p=124")).toEqual({ status: 410 });
  });
});
