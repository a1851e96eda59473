import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const PageCacheHandler = require("./page-cache-handler.cjs");

const page = (html: string, tags: string) => ({ kind: "APP_PAGE", html, rscData: Buffer.from("rsc"), headers: { "x-next-cache-tags": tags } });

describe("PageCacheHandler", () => {
  it("serves what was stored until one of its tags is revalidated, then once more as stale", async () => {
    const cache = new PageCacheHandler();
    await cache.set("/news/a", page("<p>a</p>", "story:1,story-lists"), {});
    await cache.set("/news/b", page("<p>b</p>", "story:2"), {});
    expect((await cache.get("/news/a", { kind: "APP_PAGE" }))?.value.html).toBe("<p>a</p>");

    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag(["story:1"]);
    // Served stale once (lastModified in the past makes Next.js render it again in the background)…
    const stale = await cache.get("/news/a", { kind: "APP_PAGE" });
    expect(stale?.value.html).toBe("<p>a</p>");
    expect(stale?.lastModified).toBe(1);
    // …and gone if asked again before the new render is stored.
    expect(await cache.get("/news/a", { kind: "APP_PAGE" })).toBeNull();
    expect((await cache.get("/news/b", { kind: "APP_PAGE" }))?.value.html).toBe("<p>b</p>");

    // Stored again after the revalidation: served again.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.set("/news/a", page("<p>a2</p>", "story:1"), {});
    expect((await cache.get("/news/a", { kind: "APP_PAGE" }))?.value.html).toBe("<p>a2</p>");
  });

  it("counts its lookups for the metrics, by kind: a hit, a stale page served, a miss", async () => {
    const cache = new PageCacheHandler();
    const lookups = () => ({ ...(globalThis as unknown as { meridianPageCache: { lookups: Map<string, { hits: number; misses: number }> } }).meridianPageCache.lookups.get("APP_PAGE") });
    const before = { hits: 0, misses: 0, ...lookups() };
    await cache.set("/counted", page("<p>c</p>", "story:9"), {});
    await cache.get("/counted", { kind: "APP_PAGE" });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag(["story:9"]);
    await cache.get("/counted", { kind: "APP_PAGE" });
    await cache.get("/counted", { kind: "APP_PAGE" });
    await cache.get("/never-stored", { kind: "APP_PAGE" });
    const after = lookups();
    expect({ hits: after.hits! - before.hits, misses: after.misses! - before.misses }).toEqual({ hits: 2, misses: 2 });
  });

  it("checks the tags a cached read is asked with", async () => {
    const cache = new PageCacheHandler();
    await cache.set("fetch-key", { kind: "FETCH", data: { body: "{}" } }, { tags: ["sections"] });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.revalidateTag("_N_T_/news");
    expect(await cache.get("fetch-key", { kind: "FETCH", tags: ["sections"], softTags: ["_N_T_/news"] })).toBeNull();
  });

  it("keeps an entry of several MB (a large sitemap page) within the default bound", async () => {
    const cache = new PageCacheHandler();
    const sitemap = { kind: "APP_ROUTE", body: Buffer.alloc(5.5 * 1024 * 1024), status: 200, headers: {} };
    await cache.set("/sitemaps/stories/1.xml", sitemap, {});
    expect(await cache.get("/sitemaps/stories/1.xml", { kind: "APP_ROUTE" })).not.toBeNull();
  });

  it("counts a page's prefetch segments toward PAGE_CACHE_MAX_MB", async () => {
    const cache = new PageCacheHandler();
    const state = (globalThis as unknown as { meridianPageCache: { totalBytes: number } }).meridianPageCache;
    const before = state.totalBytes;
    const segmentData = new Map([["/_tree", Buffer.alloc(3000)], ["/_full", Buffer.alloc(2000)]]);
    await cache.set("/news/segments", { ...page("x".repeat(1000), "story:3"), segmentData }, {});
    expect(state.totalBytes - before).toBe(1000 + "rsc".length + 5000 + 512);
  });

  it("counts a cached read by its JSON text, without writing the entry out again", async () => {
    const cache = new PageCacheHandler();
    const state = (globalThis as unknown as { meridianPageCache: { totalBytes: number } }).meridianPageCache;
    const before = state.totalBytes;
    const body = JSON.stringify({ headline: "x".repeat(2000) });
    const data = { headers: {}, body, status: 200, url: "", toJSON: () => { throw new Error("written out again"); } };
    await cache.set("fetch-size", { kind: "FETCH", data, revalidate: 3600 }, { tags: ["story:9"] });
    expect(state.totalBytes - before).toBe(body.length + 512);
  });
});
