import { parseFeed } from "@rowanmanning/feed-parser";
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import Parser from "rss-parser";
import { inSection, newestFirst, stories, storyPath } from "./demo";
import { TOPICS } from "./fixtures/topics";

// Feed readers find the feeds from any page (autodiscovery), the feeds parse, and a reader that
// already holds the current version gets a 304. Read-only: it checks the demo edition as seeded.

const rssParser = new Parser();

async function alternates(page: Page, type: string): Promise<string[]> {
  return page.locator(`head link[rel="alternate"][type="${type}"]`).evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

/** rss-parser hands over an Atom title of type="html" as it is written: HTML, escaped. */
const unescapeHtml = (html: string) =>
  html.replace(/&(lt|gt|quot|#39|amp);/g, (_all, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[name]!);

/** The feed at `url`, parsed by two parsers that must agree on every item's title, link and date. */
async function fetchFeed(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("s-maxage");
  const xml = await response.text();
  const [one, two] = [await rssParser.parseString(xml), parseFeed(xml)];
  const title = (text: string | undefined) => (text && two.meta.type === "atom" ? unescapeHtml(text) : text);
  const items = one.items.map((item) => ({ title: title(item.title), link: item.link, date: Date.parse(item.isoDate ?? "") }));
  expect(two.items.map((item) => ({ title: item.title, link: item.url, date: item.published?.getTime() }))).toEqual(items);
  return { response, items };
}

test("home: its autodiscovery link leads to the site feed, which lists the newest stories", async ({ page, request }) => {
  await page.goto("/");
  const [rss] = await alternates(page, "application/rss+xml");
  expect(new URL(rss!, page.url()).pathname).toBe("/feed.xml");
  expect(await alternates(page, "application/atom+xml")).toHaveLength(1);
  expect(await alternates(page, "application/feed+json")).toHaveLength(1);

  const { response, items } = await fetchFeed(request, rss!);
  expect(response.headers()["content-type"]).toMatch(/^application\/rss\+xml/);
  expect(items.length).toBeGreaterThan(0);
  expect(items.length).toBeLessThanOrEqual(50);
  expect(items.map((item) => item.date)).toEqual(items.map((item) => item.date).sort((a, b) => b - a));
  const newest = newestFirst(stories)[0]!;
  expect(items.map((item) => new URL(item.link!).pathname)).toContain(storyPath(newest));

  const [atom] = await alternates(page, "application/atom+xml");
  const atomFeed = await fetchFeed(request, atom!);
  expect(atomFeed.items.map((item) => item.link)).toEqual(items.map((item) => item.link));
  const [json] = await alternates(page, "application/feed+json");
  const jsonFeed = (await (await request.get(json!)).json()) as { version: string; items: { url: string }[] };
  expect(jsonFeed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(jsonFeed.items.map((item) => item.url)).toEqual(items.map((item) => item.link));
});

test("section and article pages point at the section's feed, which keeps to the section", async ({ page, request }) => {
  await page.goto("/news");
  const [rss] = await alternates(page, "application/rss+xml");
  expect(new URL(rss!, page.url()).pathname).toBe("/news/feed.xml");
  const { items } = await fetchFeed(request, rss!);
  const expected = newestFirst(inSection("news")).slice(0, 50).map(storyPath);
  const listed = items.map((item) => new URL(item.link!).pathname);
  expect(listed.every((path) => path.startsWith("/news/"))).toBe(true);
  expect(listed).toEqual(expect.arrayContaining(expected.slice(0, 5)));

  const article = newestFirst(inSection("news/us"))[0]!;
  await page.goto(storyPath(article));
  const articleFeeds = (await alternates(page, "application/rss+xml")).map((href) => new URL(href, page.url()).pathname);
  expect(articleFeeds).toEqual(["/news/us/feed.xml", "/feed.xml"]);
});

test("tag and author pages point at their own feeds, which list their stories", async ({ page, request }) => {
  const newest = newestFirst(stories)[0]!;
  const author = newest.authors[0]!;
  for (const [pagePath, feedPath, expected] of [
    [`/tags/${TOPICS.archiveTag.slug}`, `/tags/${TOPICS.archiveTag.slug}/feed.xml`, newestFirst(stories)],
    [`/authors/${author}`, `/authors/${author}/feed.xml`, newestFirst(stories.filter((story) => story.authors.includes(author)))],
  ] as const) {
    await page.goto(pagePath);
    const [rss] = await alternates(page, "application/rss+xml");
    expect(new URL(rss!, page.url()).pathname).toBe(feedPath);
    const { items } = await fetchFeed(request, rss!);
    expect(items.map((item) => new URL(item.link!).pathname)).toEqual(expected.slice(0, 50).map(storyPath));
  }
});

test("a reader holding the current version gets a 304; unknown feeds are 404", async ({ request }) => {
  const first = await request.get("/feed.xml");
  const etag = first.headers()["etag"]!;
  const lastModified = first.headers()["last-modified"]!;
  expect(etag).toBeTruthy();
  expect(lastModified).toBeTruthy();
  const byTag = await request.get("/feed.xml", { headers: { "If-None-Match": etag } });
  expect(byTag.status()).toBe(304);
  expect(await byTag.body()).toHaveLength(0);
  // Only the ETag answers 304: a pulled story does not move the newest date (lib/http/conditional.ts).
  expect((await request.get("/feed.xml", { headers: { "If-Modified-Since": lastModified } })).status()).toBe(200);
  expect((await request.get("/feed.xml", { headers: { "If-None-Match": '"something-else"' } })).status()).toBe(200);

  for (const path of ["/no-such-section/feed.xml", "/tags/no-such-tag/feed.xml", "/authors/no-such-author/feed.xml"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("a repeated feed or sitemap is answered from the server's stored bytes, with its route's headers", async ({ request }) => {
  // lib/http/page-store.ts keeps them: the same bytes, ETag, Last-Modified, Content-Type and
  // Cache-Control as the route handler gave, gzip when asked, marked as a hit of the page cache.
  for (const path of ["/feed.xml", "/feed.json", `/tags/${TOPICS.archiveTag.slug}/feed.xml`, "/sitemap.xml", "/sitemaps/stories-1.xml"]) {
    const first = await request.get(path);
    const again = await request.get(path, { headers: { "Accept-Encoding": "gzip" } });
    expect(again.status(), path).toBe(200);
    expect(again.headers()["x-nextjs-cache"], path).toBe("HIT");
    expect(again.headers()["content-encoding"], path).toBe("gzip");
    for (const name of ["etag", "last-modified", "content-type", "cache-control"]) {
      expect(again.headers()[name], `${path} ${name}`).toBe(first.headers()[name]);
    }
    expect(await again.text(), path).toBe(await first.text());
  }
});
