import { parseFeed } from "@rowanmanning/feed-parser";
import { eq } from "drizzle-orm";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authors, media, stories, storyTags, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { env } from "@/lib/env";
import { createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import { storyGuid } from "./build";
import { loadFeedDocument, type FeedSubject } from "./documents";
import { FEED_SIZE, listFeedStories } from "./queries";

// Which stories the feeds list, and that two independent feed parsers read the same items from
// every feed: the titles, links, ids and dates the database holds.

let test: TestDatabase;
let us: number;
let business: number;
let authorId: number;
let tagId: number;
let featuredId: number;
const hiddenIds: number[] = [];
const HOSTILE = 'Rates & "bonds" <rise> ]]> again\u0001';
const BASE = Date.UTC(2026, 9, 1, 12);

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  await createSection(db, "news", "News");
  us = await createSection(db, "news/us", "U.S.");
  business = await createSection(db, "business", "Business");
  await createSection(db, "culture", "Culture");
  authorId = await createAuthor(db, "Ada Reporter");
  const idleAuthor = await createAuthor(db, "Idle Writer");
  const [tag] = await db.insert(tags).values({ slug: "rates", name: "Rates" }).returning({ id: tags.id });
  const [idleTag] = await db.insert(tags).values({ slug: "idle", name: "Idle" }).returning({ id: tags.id });
  tagId = tag!.id;

  // 55 published stories, a minute apart; two share the newest minute so the id breaks the tie.
  for (let i = 0; i < 55; i++) {
    const minute = i === 54 ? 53 : i;
    await createStory(db, { sectionId: i % 2 ? business : us, slug: `story-${i}`, publishedAt: new Date(BASE + minute * 60_000) });
  }
  const [hero] = await db
    .insert(media)
    .values({ storageKey: "2026/10/0123456789abcdef0123456789abcdef.jpg", mimeType: "image/jpeg", width: 1600, height: 900, bytes: 1000, alt: "Traders" })
    .returning({ id: media.id });
  const related = await createStory(db, { sectionId: business, slug: "related-one", publishedAt: new Date(BASE) });
  const featured = await createStory(
    db,
    {
      sectionId: us,
      slug: "featured",
      headline: HOSTILE,
      deck: "A deck with <b>markup</b> & more.",
      heroMediaId: hero!.id,
      publishedAt: new Date(BASE + 90 * 60_000),
      revisedAt: new Date(BASE + 95 * 60_000),
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "<script>alert(1)</script>" }] },
          { type: "image", attrs: { mediaId: hero!.id, alt: "Traders" } },
          { type: "relatedStory", attrs: { storyId: related.id } },
        ],
      },
    },
    { authorIds: [authorId] },
  );
  featuredId = featured.id;
  await db.insert(storyTags).values({ storyId: featuredId, tagId });

  // Older than every other story: in its section's feed only.
  const bare = await createSection(db, "bare", "Bare");
  await createStory(db, { sectionId: bare, slug: "no-body", body: { type: "doc", content: [{ type: "paragraph" }] }, publishedAt: new Date(BASE - 86_400_000) }, { authorIds: [authorId] });

  const future = new Date(Date.now() + 86_400_000);
  for (const values of [
    { slug: "a-draft", status: "draft" as const, publishedAt: null },
    { slug: "scheduled", status: "scheduled" as const, publishedAt: future },
    { slug: "pulled", status: "unpublished" as const },
    { slug: "embargoed", status: "published" as const, publishedAt: future },
  ]) {
    const hidden = await createStory(db, { sectionId: us, ...values }, { authorIds: [authorId, idleAuthor] });
    await db.insert(storyTags).values([{ storyId: hidden.id, tagId }, { storyId: hidden.id, tagId: idleTag!.id }]);
    hiddenIds.push(hidden.id);
  }
});

afterAll(async () => {
  await test.dispose();
});

describe("listFeedStories", () => {
  it("lists the newest published stories, newest first, at most FEED_SIZE", async () => {
    const items = await listFeedStories({ kind: "site" });
    expect(items).toHaveLength(FEED_SIZE);
    expect(items[0]!.id).toBe(featuredId);
    const times = items.map((item) => Date.parse(item.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Same minute: the higher id first, as on every public list.
    expect(items[1]!.slug).toBe("story-54");
    expect(items[2]!.slug).toBe("story-53");
    expect(items.some((item) => hiddenIds.includes(item.id))).toBe(false);
  });

  it.each([
    ["a section, with its subsections", () => ({ kind: "section" as const, sectionIds: [us] }), (n: number) => n === 29],
    ["a tag", () => ({ kind: "tag" as const, tagId }), (n: number) => n === 1],
    ["an author", () => ({ kind: "author" as const, authorId }), (n: number) => n === 2],
  ])("keeps to %s and never shows what is not published", async (_name, scope, countIsRight) => {
    const items = await listFeedStories(scope());
    expect(countIsRight(items.length)).toBe(true);
    expect(items.some((item) => hiddenIds.includes(item.id))).toBe(false);
  });

  it("carries bylines, tags and the body's references", async () => {
    const [featured] = await listFeedStories({ kind: "tag", tagId });
    expect(featured).toMatchObject({ bylines: [{ name: "Ada Reporter" }], tags: [{ slug: "rates", name: "Rates" }], heroMimeType: "image/jpeg" });
    expect(Object.values(featured!.related)).toEqual([{ headline: "Headline of related-one", path: "/business/related-one" }]);
    expect(Object.values(featured!.media)).toHaveLength(1);
  });
});

const rssParser = new Parser({ customFields: { item: [["media:content", "mediaContent"]] } });

async function documentOf(subject: FeedSubject) {
  const document = await loadFeedDocument(subject);
  if (!document) throw new Error(`No feed for ${JSON.stringify(subject)}`);
  return document;
}

/** rss-parser hands over an Atom title of type="html" as it is written: HTML, escaped. */
const unescapeHtml = (html: string) =>
  html.replace(/&(lt|gt|quot|#39|amp);/g, (_all, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[name]!);

/** What both parsers must agree on, item by item. */
async function itemsByBothParsers(xml: string) {
  const [byRssParser, byFeedParser] = [await rssParser.parseString(xml), parseFeed(xml)];
  const isAtom = byFeedParser.meta.type === "atom";
  const fromRssParser = byRssParser.items.map((item) => ({
    title: isAtom && item.title ? unescapeHtml(item.title) : item.title,
    link: item.link,
    // rss-parser names an RSS item's id guid, an Atom entry's id.
    id: item.guid ?? (item as { id?: string }).id,
    published: item.isoDate ? Date.parse(item.isoDate) : null,
  }));
  const fromFeedParser = byFeedParser.items.map((item) => ({
    title: item.title,
    link: item.url,
    id: item.id,
    published: item.published?.getTime() ?? null,
  }));
  expect(fromFeedParser).toEqual(fromRssParser);
  return { items: fromRssParser, rss: byRssParser, feed: byFeedParser };
}

describe("the feeds, read by two parsers", () => {
  const { siteUrl } = env();

  it.each(["rss", "atom"] as const)("the site's %s feed: the same items, as the database has them", async (format) => {
    const document = await documentOf({ kind: "site", format });
    expect(document.contentType).toMatch(format === "rss" ? /^application\/rss\+xml/ : /^application\/atom\+xml/);
    expect(document.lastModified?.toISOString()).toBe(new Date(BASE + 95 * 60_000).toISOString());
    const { items } = await itemsByBothParsers(document.body);
    const expected = await listFeedStories({ kind: "site" });
    expect(items).toEqual(
      expected.map((story) => ({
        title: story.headline.replace("\u0001", ""),
        link: `${siteUrl}${story.path}`,
        id: storyGuid(story.id, siteUrl),
        published: Date.parse(story.publishedAt),
      })),
    );
  });

  it("RSS items carry author, categories, media:content and the escaped full text", async () => {
    const { rss, feed } = await itemsByBothParsers((await documentOf({ kind: "site", format: "rss" })).body);
    const item = rss.items[0]! as Parser.Item & { mediaContent: { $: Record<string, string> }; creator: string };
    expect(item.creator).toBe("Ada Reporter");
    expect((item.categories as unknown as { _: string }[]).map((category) => category._)).toEqual(["U.S.", "Rates"]);
    expect(item.mediaContent.$).toMatchObject({
      url: `${siteUrl}/media/2026/10/0123456789abcdef0123456789abcdef.jpg`,
      type: "image/jpeg",
      width: "1600",
      height: "900",
    });
    const html = (item as unknown as Record<string, unknown>)["content:encoded"] as string;
    expect(html).toContain("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(html).toContain(`<img src="${siteUrl}/media/2026/10/`);
    expect(html).toContain(`<a href="${siteUrl}/business/related-one">`);
    expect(item.content).toBe("A deck with &lt;b&gt;markup&lt;/b&gt; &amp; more.");
    expect(feed.items[0]!.media[0]).toMatchObject({ url: item.mediaContent.$.url, mimeType: "image/jpeg" });
  });

  it.each([
    [{ kind: "section", path: "news" }, 29],
    [{ kind: "section", path: "culture" }, 0],
    [{ kind: "tag", slug: "rates" }, 1],
    [{ kind: "author", slug: "" }, 2],
  ] as const)("%j lists its stories", async (subject, count) => {
    const author = await test.db.select({ slug: authors.slug }).from(authors).where(eq(authors.id, authorId));
    const resolved = subject.kind === "author" ? { kind: "author" as const, slug: author[0]!.slug } : subject;
    const { items } = await itemsByBothParsers((await documentOf(resolved)).body);
    expect(items).toHaveLength(count);
  });

  it.each([
    { kind: "section", path: "nowhere" },
    { kind: "section", path: "news/feed.xml" },
    { kind: "tag", slug: "no-such-tag" },
    { kind: "tag", slug: "idle" },
    { kind: "author", slug: "no-such-author" },
  ] as const)("there is no feed for %j", async (subject) => {
    expect(await loadFeedDocument(subject)).toBeNull();
  });

  it("an author with nothing published has no feed", async () => {
    const [idle] = await test.db.select({ slug: authors.slug }).from(authors).where(eq(authors.name, "Idle Writer"));
    expect(await loadFeedDocument({ kind: "author", slug: idle!.slug })).toBeNull();
  });

  it("declares every namespace prefix it uses, even for an item without full text", async () => {
    const xml = (await documentOf({ kind: "section", path: "bare" })).body;
    expect(xml).not.toContain("content:encoded");
    const prefixes = new Set([...xml.matchAll(/<([a-z]+):[a-z]+/gi)].map((match) => match[1]));
    expect([...prefixes].sort()).toEqual(["atom", "dc"]);
    for (const prefix of prefixes) expect(xml).toContain(`xmlns:${prefix}=`);
  });

  it("gives the same bytes for the same stories, so the ETag holds", async () => {
    const subject = { kind: "section", path: "culture" } as const;
    expect((await documentOf(subject)).body).toBe((await documentOf(subject)).body);
  });

  it("keeps an item's id when its slug changes, so readers do not see it again", async () => {
    const before = await itemsByBothParsers((await documentOf({ kind: "tag", slug: "rates" })).body);
    await test.db.update(stories).set({ slug: "featured-renamed" }).where(eq(stories.id, featuredId));
    const after = await itemsByBothParsers((await documentOf({ kind: "tag", slug: "rates" })).body);
    await test.db.update(stories).set({ slug: "featured" }).where(eq(stories.id, featuredId));
    expect(after.items[0]!.id).toBe(before.items[0]!.id);
    expect(after.items[0]!.link).not.toBe(before.items[0]!.link);
  });
});

describe("the site's JSON Feed", () => {
  it("follows the JSON Feed 1.1 field rules", async () => {
    const document = await documentOf({ kind: "site", format: "json" });
    expect(document.contentType).toMatch(/^application\/feed\+json/);
    const feed = JSON.parse(document.body) as Record<string, unknown> & { items: Record<string, unknown>[] };
    const { siteUrl } = env();
    expect(feed).toMatchObject({ version: "https://jsonfeed.org/version/1.1", home_page_url: `${siteUrl}/`, feed_url: `${siteUrl}/feed.json`, language: "en" });
    expect(typeof feed.title).toBe("string");
    expect(feed.items).toHaveLength(FEED_SIZE);
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(typeof item.content_html === "string" || typeof item.content_text === "string").toBe(true);
      expect(item.url).toMatch(new RegExp(`^${siteUrl}/`));
      expect(item.date_published).toMatch(rfc3339);
      if (item.date_modified !== undefined) expect(item.date_modified).toMatch(rfc3339);
      // 1.1 replaced `author` with `authors`, a list of objects with a name or url.
      expect(item).not.toHaveProperty("author");
      for (const author of (item.authors as { name?: string; url?: string }[] | undefined) ?? []) {
        expect(author.name ?? author.url).toBeTruthy();
      }
      expect((item.tags as unknown[]).every((tag) => typeof tag === "string")).toBe(true);
    }
    const first = feed.items[0]!;
    expect(first).toMatchObject({ id: storyGuid(featuredId, siteUrl), title: HOSTILE, summary: "A deck with <b>markup</b> & more." });
    expect(first.authors).toEqual([{ name: "Ada Reporter", url: expect.stringMatching(new RegExp(`^${siteUrl}/authors/ada-reporter-`)) }]);
    expect(first.image).toBe(`${siteUrl}/media/2026/10/0123456789abcdef0123456789abcdef.jpg`);
  });
});
