import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { WITHDRAWN } from "./fixtures/setup";

// A crawler's walk, read-only: robots.txt names the index, the index its sitemaps, and every
// story and section they list answers 200 at once, with no redirect. Tag and author pages land
// separately, so their locs are only checked to be tag and author addresses.

const parser = new XMLParser({ isArray: (name) => ["url", "sitemap"].includes(name) });
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

async function readXml(request: APIRequestContext, path: string) {
  const response = await request.get(path, { maxRedirects: 0 });
  expect(response.status(), path).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/xml/);
  const body = await response.text();
  expect(XMLValidator.validate(body), path).toBe(true);
  return parser.parse(body);
}

const pathOf = (loc: string) => new URL(loc).pathname;

test.describe("robots.txt and sitemaps", () => {
  test("robots.txt names the sitemap index and keeps the newsroom out", async ({ request }) => {
    const response = await request.get("/robots.txt", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemap\.xml$/m);
    expect(body).toMatch(/^Sitemap: https?:\/\/[^/]+\/sitemaps\/news\.xml$/m);
    expect(body).toContain("Disallow: /editor/");
  });

  test("every story, section, tag and author the sitemaps list answers 200 without a redirect", async ({ request }) => {
    const robots = await (await request.get("/robots.txt")).text();
    const indexPath = pathOf(/^Sitemap: (\S+\/sitemap\.xml)$/m.exec(robots)![1]!);
    const index = await readXml(request, indexPath);
    const sitemaps: string[] = index.sitemapindex.sitemap.map((entry: { loc: string }) => pathOf(entry.loc));
    expect(sitemaps).toEqual(expect.arrayContaining(["/sitemaps/sections.xml", "/sitemaps/news.xml", "/sitemaps/stories-1.xml"]));

    const pages: string[] = [];
    for (const sitemap of sitemaps) {
      const { urlset } = await readXml(request, sitemap);
      for (const url of urlset.url ?? []) {
        expect(String(url.lastmod)).toMatch(W3C_DATETIME);
        const path = pathOf(url.loc);
        if (sitemap.startsWith("/sitemaps/tags-")) expect(path).toMatch(/^\/tags\/[a-z0-9-]+$/);
        if (sitemap.startsWith("/sitemaps/authors-")) expect(path).toMatch(/^\/authors\/[a-z0-9-]+$/);
        pages.push(path);
      }
    }
    expect(pages).toContain("/");
    expect(pages).toContain("/news/us");
    expect(pages.some((path) => path.startsWith("/tags/"))).toBe(true);
    expect(pages.some((path) => path.startsWith("/authors/"))).toBe(true);
    expect(pages).not.toContain(WITHDRAWN.path);
    for (const path of new Set(pages)) {
      expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(200);
    }
  });

  test("a page past the last and an unknown sitemap are 404", async ({ request }) => {
    expect((await request.get("/sitemaps/stories-99999.xml")).status()).toBe(404);
    expect((await request.get("/sitemaps/everything.xml")).status()).toBe(404);
  });

  for (const path of ["/robots.txt", "/sitemap.xml", "/sitemaps/sections.xml", "/sitemaps/stories-1.xml", "/sitemaps/news.xml"]) {
    test(`${path} answers a repeated request with 304 and a CDN-friendly Cache-Control`, async ({ request }) => {
      const first = await request.get(path);
      const etag = first.headers()["etag"];
      expect(etag).toBeTruthy();
      expect(first.headers()["cache-control"]).toContain("s-maxage=");
      const again = await request.get(path, { headers: { "If-None-Match": etag! } });
      expect(again.status()).toBe(304);
      expect(await again.body()).toHaveLength(0);
    });
  }
});
