import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { cacheTags } from "@/lib/cache/tags";
import { env } from "@/lib/env";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { parseSitemapName, readRobots, readSitemap, readSitemapIndex, sitemapPath, type SitemapName } from "./documents";
import { NEWS_NS, SITEMAP_NS } from "./xml";

// The documents as a crawler reads them: well-formed XML in the sitemaps.org namespace, absolute
// locs, W3C datetimes, text escaped; and each kept in the cache under a tag that publishing marks.

const cachedTags = vi.hoisted(() => [] as string[][]);
vi.mock("@/lib/cache/cached-read", () => ({
  cachedRead: (_key: string[], tags: string[], read: () => Promise<unknown>) => {
    cachedTags.push(tags);
    return read();
  },
}));

let test: TestDatabase;
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["url", "sitemap"].includes(name) });

function parse(body: string) {
  expect(XMLValidator.validate(body)).toBe(true);
  return parser.parse(body);
}

beforeAll(async () => {
  test = await createTestDatabase();
  const section = await createSection(test.db, "news", "News");
  await createStory(test.db, { sectionId: section, slug: "fish-and-chips", headline: "Fish & chips <cheaper> \"again\"" });
  await createStory(test.db, { sectionId: section, slug: "yesterday", publishedAt: new Date(Date.now() - 24 * 3_600_000) });
});

afterAll(async () => {
  await test.dispose();
});

describe("parseSitemapName", () => {
  it.each<[string, SitemapName | null]>([
    ["sections.xml", { kind: "sections" }],
    ["news.xml", { kind: "news" }],
    ["stories-1.xml", { kind: "stories", page: 1 }],
    ["tags-12.xml", { kind: "tags", page: 12 }],
    ["authors-3.xml", { kind: "authors", page: 3 }],
    ["stories-0.xml", null],
    ["stories-01.xml", null],
    ["stories.xml", null],
    ["comments-1.xml", null],
    ["stories-1.xml.gz", null],
  ])("%s", (name, parsed) => {
    expect(parseSitemapName(name)).toEqual(parsed);
    if (parsed) expect(sitemapPath(parsed)).toBe(`/sitemaps/${name}`);
  });
});

describe("robots.txt", () => {
  it("names the index and the news sitemap absolutely and keeps the newsroom, API and previews out", () => {
    const { body, contentType } = readRobots();
    expect(contentType).toBe("text/plain; charset=utf-8");
    const lines = body.split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "User-agent: *",
        "Disallow: /editor/",
        "Disallow: /api/",
        "Disallow: /preview/",
        `Sitemap: ${env().siteUrl}/sitemap.xml`,
        `Sitemap: ${env().siteUrl}/sitemaps/news.xml`,
      ]),
    );
    // No bare prefix that would also shut out a section such as /editorials.
    expect(lines).not.toContain("Disallow: /editor");
  });
});

describe("sitemap documents", () => {
  it("the index lists sections, news and every page that has something", async () => {
    const index = parse((await readSitemapIndex()).body);
    expect(index.sitemapindex["@_xmlns"]).toBe(SITEMAP_NS);
    const locs = index.sitemapindex.sitemap.map((entry: { loc: string }) => entry.loc);
    expect(locs).toEqual([`${env().siteUrl}/sitemaps/sections.xml`, `${env().siteUrl}/sitemaps/news.xml`, `${env().siteUrl}/sitemaps/stories-1.xml`]);
  });

  it.each<SitemapName>([{ kind: "sections" }, { kind: "stories", page: 1 }, { kind: "news" }])("$kind: well-formed, absolute, W3C datetimes", async (name) => {
    const document = (await readSitemap(name))!;
    expect(document.contentType).toMatch(/^application\/xml/);
    const { urlset } = parse(document.body);
    expect(urlset["@_xmlns"]).toBe(SITEMAP_NS);
    expect(urlset.url.length).toBeGreaterThan(0);
    for (const url of urlset.url) {
      expect(url.loc.startsWith(`${env().siteUrl}/`)).toBe(true);
      expect(url.lastmod).toMatch(W3C_DATETIME);
    }
    const newest = Math.max(...urlset.url.map((url: { lastmod: string }) => Date.parse(url.lastmod)));
    expect(document.lastModified?.getTime()).toBe(newest);
  });

  it("the news sitemap names the publication and escapes the headline", async () => {
    const document = (await readSitemap({ kind: "news" }))!;
    expect(document.body).toContain("Fish &amp; chips &lt;cheaper&gt;");
    const { urlset } = parse(document.body);
    expect(urlset["@_xmlns:news"]).toBe(NEWS_NS);
    const item = urlset.url.find((url: { loc: string }) => url.loc.endsWith("/news/fish-and-chips"))["news:news"];
    expect(item["news:publication"]).toEqual({ "news:name": env().siteName, "news:language": env().siteLanguage });
    expect(item["news:title"]).toBe('Fish & chips <cheaper> "again"');
    expect(item["news:publication_date"]).toMatch(W3C_DATETIME);
  });

  it("a page past the last is none (the route answers 404)", async () => {
    expect(await readSitemap({ kind: "stories", page: 2 })).toBeNull();
    expect(await readSitemap({ kind: "tags", page: 1 })).toBeNull();
  });

  it("every document is cached under the story-list tag that publishing and unpublishing mark", async () => {
    cachedTags.length = 0;
    await readSitemapIndex();
    for (const name of [{ kind: "sections" }, { kind: "news" }, { kind: "stories", page: 1 }] as const) await readSitemap(name);
    // The news sitemap also reads the site's name, itself cached under the site tag (and so is the sitemap).
    const documents = cachedTags.filter((tags) => tags.join() !== cacheTags.site);
    expect(documents).toHaveLength(4);
    for (const tags of documents) expect(tags).toContain(cacheTags.storyLists);
    expect(documents[0]).toContain(cacheTags.sections);
    expect(documents[2]).toContain(cacheTags.site);
  });
});
