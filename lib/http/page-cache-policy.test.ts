import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPageCachePolicy, LIVE_CACHE_CONTROL, MISSING_CACHE_CONTROL, PAGE_CACHE_CONTROL, pageCacheControl } from "./page-cache-policy";

const NEXT_ISR = "s-maxage=3600, stale-while-revalidate=31532400";

describe("pageCacheControl", () => {
  it.each([
    ["/", 200, PAGE_CACHE_CONTROL],
    ["/news/us/a-story", 200, PAGE_CACHE_CONTROL],
    ["/news?before=12", 200, PAGE_CACHE_CONTROL],
    ["/tags/weather", 200, PAGE_CACHE_CONTROL],
    ["/authors/ana-ruiz", 200, PAGE_CACHE_CONTROL],
    ["/search?q=harbor", 200, PAGE_CACHE_CONTROL],
    ["/live", 200, LIVE_CACHE_CONTROL],
    ["/live/audio", 200, LIVE_CACHE_CONTROL],
    ["/news/us/no-such-story", 404, MISSING_CACHE_CONTROL],
    ["/news/us/withdrawn", 410, MISSING_CACHE_CONTROL],
  ])("GET %s answered %i is shared-cacheable", (url, status, expected) => {
    expect(pageCacheControl("GET", url, status, false)).toBe(expected);
    expect(pageCacheControl("HEAD", url, status, false)).toBe(expected);
  });

  it.each([
    ["a preview link (per reader)", "GET", "/preview/abc123", 200, false],
    ["the newsroom", "GET", "/editor/stories", 200, false],
    ["the API", "GET", "/api/live/audio", 200, false],
    ["a file Next serves", "GET", "/_next/static/chunks/a.js", 200, false],
    ["an upload", "GET", "/media/2026/11/a.jpg", 200, false],
    ["a feed (its own policy)", "GET", "/news/feed.xml", 200, false],
    ["a POST", "POST", "/news/us", 200, false],
    ["an answer that sets a cookie", "GET", "/", 200, true],
    ["a server error", "GET", "/", 500, false],
    ["a redirect", "GET", "/news/us/old", 308, false],
  ])("leaves %s alone", (_what, method, url, status, setsCookie) => {
    expect(pageCacheControl(method, url, status, setsCookie)).toBeUndefined();
  });
});

describe("applyPageCachePolicy", () => {
  // A stand-in for Next.js: sets its own Cache-Control the ways Next does, then answers.
  let base = "";
  const server = http.createServer((request, response) => {
    applyPageCachePolicy(request, response);
    const url = new URL(request.url!, "http://x");
    const status = Number(url.searchParams.get("status") ?? 200);
    if (url.searchParams.has("cookie")) response.setHeader("Set-Cookie", "a=1");
    if (url.searchParams.get("via") === "writeHead") {
      response.writeHead(status, { "Content-Type": "text/html", "cache-control": NEXT_ISR });
      response.end("<p>page</p>");
    } else {
      response.statusCode = status;
      response.setHeader("Cache-Control", status === 200 ? NEXT_ISR : "private, no-cache, no-store, max-age=0, must-revalidate");
      response.end("<p>page</p>");
    }
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => {
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resolve();
  })));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const cacheControl = async (path: string) => (await fetch(`${base}${path}`)).headers.get("cache-control");

  it("replaces Next's header whether it was set beforehand or passed to writeHead", async () => {
    expect(await cacheControl("/news/us/a-story")).toBe(PAGE_CACHE_CONTROL);
    expect(await cacheControl("/news/us/a-story?via=writeHead")).toBe(PAGE_CACHE_CONTROL);
    expect(await cacheControl("/live?status=200")).toBe(LIVE_CACHE_CONTROL);
    expect(await cacheControl("/news/nowhere?status=404")).toBe(MISSING_CACHE_CONTROL);
  });

  it("keeps Next's header for what it leaves alone", async () => {
    expect(await cacheControl("/preview/abc")).toBe(NEXT_ISR);
    expect(await cacheControl("/news/us/a-story?cookie=1")).toBe(NEXT_ISR);
    expect(await cacheControl("/editor?status=404")).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
  });
});
