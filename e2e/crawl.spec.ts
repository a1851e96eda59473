import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { XMLParser } from "fast-xml-parser";
import { canonicalHrefs, linkTargets } from "./fixtures/html";

// The site as a search engine meets it, read-only and without a browser: once from /robots.txt
// through the sitemap index to every sitemap and every address they list, and once from the front
// page along every same-origin <a href> of the public pages. The two walks must agree: every
// page a reader can reach is in a sitemap, and every sitemap address is a page a reader can
// reach. Each page names one canonical address, its own, whatever tracking parameters it is
// shared with.

/** The newsroom, the APIs, previews and uploaded files are not public pages to crawl. */
const NOT_CRAWLED = /^\/(editor|api|preview|media)(\/|$)/;
/**
 * The e2e edition (28 demo stories, their sections, tags, authors and older pages, the feeds)
 * is about 75 addresses. A larger archive would be cut here, and the sitemap → crawl check with
 * it (an old story is reachable only through many older-stories pages): the crawl asserts it
 * finished, so growing the edition past the bound fails loudly instead of checking less.
 */
const MAX_ADDRESSES = 400;
/** Pages that need not be in a sitemap: older-stories pages (?before=, noindex) and the live pages. */
const outsideSitemaps = (url: URL) => url.search !== "" || url.pathname === "/live" || url.pathname === "/live/audio";
const TRACKING = "utm_source=x&fbclid=y";

type Page = { url: URL; html: string };
type Walk = { pages: Page[]; problems: string[]; unfinished: string[]; addresses: number };

/** Breadth first from `/`. A link may redirect once, to a page that answers 200; anything else is a problem. */
async function crawl(request: APIRequestContext, origin: string): Promise<Walk> {
  const start = new URL("/", origin).href;
  const queue = [start];
  const from = new Map([[start, "(start)"]]);
  const walk: Walk = { pages: [], problems: [], unfinished: queue, addresses: 0 };
  const follow = (url: URL, referrer: string) => {
    if (url.origin !== origin || NOT_CRAWLED.test(url.pathname) || from.has(url.href)) return;
    from.set(url.href, referrer);
    queue.push(url.href);
  };
  while (queue.length > 0 && walk.addresses < MAX_ADDRESSES) {
    const href = queue.shift()!;
    walk.addresses++;
    const response = await request.get(href, { maxRedirects: 0 });
    const status = response.status();
    if (status >= 300 && status < 400) {
      const target = new URL(response.headers()["location"] ?? "", href);
      const landing = (await request.get(target.href, { maxRedirects: 0 })).status();
      if (target.origin !== origin || landing !== 200) {
        walk.problems.push(`${href} (linked from ${from.get(href)}) redirects to ${target.href}, which answers ${landing}`);
      }
      // The target is crawled as a page of its own.
      target.hash = "";
      follow(target, href);
      continue;
    }
    if (status !== 200) {
      walk.problems.push(`${href} (linked from ${from.get(href)}) answers ${status}`);
      continue;
    }
    if (!response.headers()["content-type"]?.startsWith("text/html")) continue;
    const html = await response.text();
    walk.pages.push({ url: new URL(href), html });
    for (const target of linkTargets(html, href)) follow(target, href);
  }
  return walk;
}

const xml = new XMLParser({ isArray: (name) => ["url", "sitemap"].includes(name) });

/** Every `loc` of every sitemap that robots.txt names, directly or through a sitemap index. */
async function sitemapLocs(request: APIRequestContext): Promise<{ sitemaps: string[]; locs: string[] }> {
  const robots = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  const pending = [...(await robots.text()).matchAll(/^Sitemap:\s*(\S+)\s*$/gim)].map(([, loc]) => loc!);
  expect(pending.length, "robots.txt names no sitemap").toBeGreaterThan(0);
  const sitemaps: string[] = [];
  const locs: string[] = [];
  while (pending.length > 0) {
    const sitemap = pending.shift()!;
    if (sitemaps.includes(sitemap)) continue;
    sitemaps.push(sitemap);
    const response = await request.get(sitemap, { maxRedirects: 0 });
    expect(response.status(), sitemap).toBe(200);
    const document = xml.parse(await response.text());
    for (const entry of document.sitemapindex?.sitemap ?? []) pending.push(String(entry.loc));
    for (const entry of document.urlset?.url ?? []) locs.push(String(entry.loc));
  }
  return { sitemaps, locs: [...new Set(locs)] };
}

const withTracking = (url: URL) => `${url.href}${url.search ? "&" : "?"}${TRACKING}`;

test.describe("the crawl", () => {
  // One walk, shared by the tests below: they run in order, in one worker.
  test.describe.configure({ mode: "default", timeout: 300_000 });
  let origin: string;
  let walk: Walk;
  let sitemaps: { sitemaps: string[]; locs: string[] };

  test.beforeAll(async ({ playwright }, testInfo) => {
    origin = new URL(testInfo.project.use.baseURL!).origin;
    const request = await playwright.request.newContext({ baseURL: origin });
    try {
      walk = await crawl(request, origin);
      sitemaps = await sitemapLocs(request);
    } finally {
      await request.dispose();
    }
  });

  test("from the front page, every link answers 200, or redirects once to a page that does", () => {
    expect(walk.unfinished, `the crawl stopped at its bound of ${MAX_ADDRESSES} addresses`).toEqual([]);
    expect(walk.problems).toEqual([]);
    // The walk reached the whole edition: the front page, sections, articles, tags, authors, older pages.
    const paths = walk.pages.map((page) => page.url.pathname);
    for (const prefix of ["/news/us/", "/tags/", "/authors/"]) expect(paths.some((path) => path.startsWith(prefix)), prefix).toBe(true);
    expect(walk.pages.some((page) => page.url.searchParams.has("before"))).toBe(true);
    expect(walk.pages.length).toBeGreaterThan(60);
  });

  test("every sitemap address answers 200 without a redirect", async ({ request }) => {
    expect(sitemaps.sitemaps.some((sitemap) => sitemap.endsWith("/sitemaps/stories-1.xml"))).toBe(true);
    const failures: string[] = [];
    for (const loc of sitemaps.locs) {
      if (new URL(loc).origin !== origin) failures.push(`${loc} is not on ${origin}`);
      const response = await request.get(loc, { maxRedirects: 0 });
      if (response.status() !== 200) failures.push(`${loc} answers ${response.status()}`);
    }
    expect(failures).toEqual([]);
  });

  test("every page the crawl reaches is in a sitemap, and every sitemap address is reached", () => {
    const listed = new Set(sitemaps.locs.map((loc) => new URL(loc).href));
    const crawled = new Set(walk.pages.map((page) => page.url.href));
    const unlisted = [...crawled].filter((href) => !outsideSitemaps(new URL(href)) && !listed.has(href));
    expect(unlisted, "pages a reader reaches that no sitemap lists").toEqual([]);
    expect([...listed].filter((href) => !crawled.has(href)), "sitemap addresses no link leads to").toEqual([]);
    // Older-stories pages are the only pages with a query.
    for (const href of crawled) expect([...new URL(href).searchParams.keys()].filter((key) => key !== "before"), href).toEqual([]);
  });

  test("every page names one canonical address: its own, absolute, on SITE_URL, with no query", () => {
    const wrong = walk.pages.flatMap(({ url, html }) => {
      const canonicals = canonicalHrefs(html);
      if (canonicals.length !== 1) return [`${url.href} has ${canonicals.length} canonical links`];
      const canonical = canonicals[0]!;
      if (!/^https?:\/\//.test(canonical)) return [`${url.href}: canonical ${canonical} is not absolute`];
      const expected = new URL(url.pathname, origin).href;
      return new URL(canonical).href === expected ? [] : [`${url.href}: canonical ${canonical}, expected ${expected}`];
    });
    expect(wrong).toEqual([]);
  });

  test("a page shared with tracking parameters names the same canonical address", async ({ request }) => {
    const wrong: string[] = [];
    for (const { url, html } of walk.pages) {
      const tracked = withTracking(url);
      const response = await request.get(tracked, { maxRedirects: 0 });
      if (response.status() !== 200) {
        wrong.push(`${tracked} answers ${response.status()}`);
        continue;
      }
      const [plain, shared] = [canonicalHrefs(html).join(" "), canonicalHrefs(await response.text()).join(" ")];
      if (shared !== plain) wrong.push(`${tracked} names ${shared || "no canonical"} instead of ${plain}`);
    }
    expect(wrong).toEqual([]);
  });
});
