import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pageCacheState } from "@/lib/cache/shared-state.cjs";
import { MACHINE_CACHE_CONTROL } from "./conditional";
import { chooseEncoding } from "./encoding";
import { compress } from "./encoding";
import { pageStore, storesRequest } from "./page-store";

// Counts the store's compressions (each coding should be made once per stored page, when needed).
vi.mock("./encoding", async (actual) => {
  const encoding = await actual<typeof import("./encoding")>();
  return { ...encoding, compress: vi.fn(encoding.compress) };
});
// Counts the store's decompressions (a reader who takes no compression is sent a kept copy).
vi.mock("node:zlib", async (actual) => {
  const zlib = await actual<typeof import("node:zlib")>();
  return { ...zlib, brotliDecompressSync: vi.fn(zlib.brotliDecompressSync), gunzipSync: vi.fn(zlib.gunzipSync) };
});

// A stand-in for Next.js behind the store, as scripts/serve.ts wires it: it counts its renders,
// answers as Next does (x-nextjs-cache, its own Cache-Control, gzip when asked), and can be told
// to answer other statuses. A feed or sitemap (an address ending in .xml) is answered as its
// route handler does: its own ETag and MACHINE_CACHE_CONTROL, no x-nextjs-cache.

const PAGE = `<!DOCTYPE html><html lang="en"><body>${"<p>A story paragraph.</p>".repeat(200)}</body></html>`;
/** A sitemap page of 5,000 URLs: over the size kept compressed only. */
const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?><urlset>${Array.from({ length: 5_000 }, (_, i) => `<url><loc>https://example.test/news/story-${i}</loc></url>`).join("")}</urlset>`;

let base = "";
let renders = 0;
let store = pageStore();
const server = http.createServer((request, response) => {
  if (store.answer(request, response)) return;
  store.capture(request, response);
  renders++;
  const url = new URL(request.url!, "http://x");
  const status = Number(url.searchParams.get("status") ?? 200);
  response.statusCode = status;
  if (url.pathname.endsWith(".xml")) {
    const body = `${url.searchParams.has("large") ? SITEMAP : "<rss>A small feed</rss>"}<!-- render ${renders} -->`;
    response.setHeader("Content-Type", "application/xml; charset=utf-8");
    response.setHeader("Cache-Control", url.searchParams.get("policy") === "none" ? "no-store" : MACHINE_CACHE_CONTROL);
    response.setHeader("ETag", `"route-etag-${renders}"`);
    response.setHeader("Last-Modified", "Tue, 02 Jun 2026 12:00:00 GMT");
    response.end(body);
    return;
  }
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  response.setHeader("Cache-Control", "s-maxage=3600");
  if (url.searchParams.get("cache") !== "none") response.setHeader("x-nextjs-cache", url.searchParams.get("cache") ?? "HIT");
  if (url.searchParams.has("cookie")) response.setHeader("Set-Cookie", "a=1");
  // Next streams a page in pieces.
  response.write(PAGE.slice(0, 100));
  response.end(`${PAGE.slice(100)}<!-- render ${renders} -->`);
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resolve();
})));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  store = pageStore();
  renders = 0;
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(`${base}${path}`, { headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode!, headers: answer.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });

describe("pageStore", () => {
  it("answers a cached page from stored bytes after Next's first answer, in the encoding asked for", async () => {
    const first = await get("/news/us/a-story", { "accept-encoding": "gzip" });
    expect(first.status).toBe(200);
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(first.body).toString()).toContain("<!-- render 1 -->");
    const brotli = await get("/news/us/a-story", { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).toString()).toContain("<!-- render 1 -->");
    const plain = await get("/news/us/a-story");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(`${PAGE}<!-- render 1 -->`);
    expect(plain.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(renders).toBe(1);
  });

  it("compresses a rendered page once, for its first reader, and makes the other coding on the first request for it", async () => {
    const made = () => vi.mocked(compress).mock.calls.map(([, coding]) => coding);
    vi.mocked(compress).mockClear();
    const first = await get("/news/us/once", { "accept-encoding": "gzip, br" });
    expect(first.headers["content-encoding"]).toBe("br");
    expect(made()).toEqual(["br"]);
    await get("/news/us/once", { "accept-encoding": "br" });
    expect(made()).toEqual(["br"]);
    const gzipped = await get("/news/us/once", { "accept-encoding": "gzip" });
    expect(gunzipSync(gzipped.body).toString()).toBe(`${PAGE}<!-- render 1 -->`);
    await get("/news/us/once", { "accept-encoding": "gzip" });
    expect(made()).toEqual(["br", "gzip"]);
    expect(gzipped.headers.etag).toBe(first.headers.etag);
    // A reader who takes no compression gets the rendered bytes as they are, and later ones
    // the stored copy unzipped.
    const plain = await get("/news/us/plain");
    expect(plain.body.toString()).toBe(`${PAGE}<!-- render 2 -->`);
    expect(plain.headers["content-length"]).toBe(String(plain.body.length));
    expect((await get("/news/us/plain")).body.toString()).toBe(`${PAGE}<!-- render 2 -->`);
    expect((await get("/news/us/once")).body.toString()).toBe(`${PAGE}<!-- render 1 -->`);
    expect(renders).toBe(2);
    // Stored as gzip for its first reader: one compression, none to answer it.
    expect(made()).toEqual(["br", "gzip", "gzip"]);
  });

  it("keeps the body as it is once a reader who takes no compression asks, so the next ones are sent it unzipped once", async () => {
    await get("/news/us/as-is", { "accept-encoding": "br" });
    const unzipped = () => vi.mocked(brotliDecompressSync).mock.calls.length + vi.mocked(gunzipSync).mock.calls.length;
    vi.mocked(brotliDecompressSync).mockClear();
    vi.mocked(gunzipSync).mockClear();
    const bodies = [];
    for (let n = 0; n < 3; n++) {
      const plain = await get("/news/us/as-is");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers["content-length"]).toBe(String(plain.body.length));
      bodies.push(plain.body.toString());
    }
    expect(bodies).toEqual(Array(3).fill(`${PAGE}<!-- render 1 -->`));
    expect(unzipped()).toBe(1);
    expect(renders).toBe(1);
  });

  it("answers 304 to a reader holding the stored version", async () => {
    const { headers } = await get("/news");
    const again = await get("/news", { "if-none-match": headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get("/news", { "if-none-match": '"other"' })).status).toBe(200);
    // "*": any version the reader holds is this one (RFC 9110), as feeds and files answer it.
    expect((await get("/news", { "if-none-match": "*" })).status).toBe(304);
    expect(renders).toBe(1);
  });

  it("lets every page go at any cache invalidation, and keeps nothing rendered across one", async () => {
    await get("/");
    pageCacheState().lastRevalidatedAt = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await get("/")).body.toString()).toContain("<!-- render 2 -->");
    expect((await get("/")).body.toString()).toContain("<!-- render 2 -->");
    expect(renders).toBe(2);
  });

  it.each([
    ["a 404", "/nowhere?status=404"],
    ["a page Next served stale", "/news?cache=STALE"],
    ["an answer outside Next's page cache", "/news?cache=none"],
    ["an answer that sets a cookie", "/news?cookie=1"],
  ])("never keeps %s, and still passes it on whole", async (_what, path) => {
    const first = await get(path, { "accept-encoding": "gzip" });
    expect(gunzipSync(first.body).toString()).toContain("<!-- render 1 -->");
    await get(path);
    expect(renders).toBe(2);
  });

  it("counts a page by its compressed copies, so a small store holds many pages", async () => {
    // PAGE is ~5 KB of HTML that compresses to a few hundred bytes: counted by its identity bytes
    // twice (as it once was), each took over an eighth of 64 KB and none was kept; counted by
    // what the store holds, all twenty are.
    vi.stubEnv("PAGE_STORE_MAX_MB", String(64 / 1024));
    vi.resetModules();
    store = (await import("./page-store")).pageStore();
    vi.unstubAllEnvs();
    for (let n = 0; n < 20; n++) await get(`/news/us/story-${n}`, { "accept-encoding": "br" });
    for (let n = 0; n < 20; n++) await get(`/news/us/story-${n}`, { "accept-encoding": "br" });
    expect(renders).toBe(20);
  });

  it("keeps each address apart, query included", async () => {
    await get("/news");
    await get("/news?before=10");
    expect((await get("/news?before=10")).body.toString()).toContain("<!-- render 2 -->");
    expect((await get("/news")).body.toString()).toContain("<!-- render 1 -->");
  });
});

describe("pageStore with feeds and sitemaps", () => {
  it("keeps a feed with its route's ETag, Last-Modified and Cache-Control, and answers 304", async () => {
    const first = await get("/feed.xml", { "accept-encoding": "br, gzip" });
    expect(first.headers["content-encoding"]).toBe("br");
    expect(first.headers.etag).toBe('"route-etag-1"');
    const again = await get("/feed.xml");
    expect(again.body.toString()).toBe("<rss>A small feed</rss><!-- render 1 -->");
    expect(again.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(again.headers["cache-control"]).toBe(MACHINE_CACHE_CONTROL);
    expect(again.headers["last-modified"]).toBe("Tue, 02 Jun 2026 12:00:00 GMT");
    expect((await get("/feed.xml", { "if-none-match": '"route-etag-1"' })).status).toBe(304);
    expect(renders).toBe(1);
  });

  it("keeps a large sitemap compressed once, as gzip, and unzips it for a client without gzip", async () => {
    const first = await get("/sitemaps/stories-1.xml?large=1", { "accept-encoding": "gzip, deflate, br" });
    expect(first.headers["content-encoding"]).toBe("gzip");
    const whole = `${SITEMAP}<!-- render 1 -->`;
    expect(gunzipSync(first.body).toString()).toBe(whole);
    const again = await get("/sitemaps/stories-1.xml?large=1", { "accept-encoding": "br, gzip" });
    expect(again.headers["content-encoding"]).toBe("gzip");
    expect(again.body.equals(first.body)).toBe(true);
    const plain = await get("/sitemaps/stories-1.xml?large=1");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    // Unzipped as it is sent, with the whole body's length announced.
    expect(plain.headers["content-length"]).toBe(String(Buffer.byteLength(whole)));
    expect(plain.body.toString()).toBe(whole);
    expect(renders).toBe(1);
  });

  it("keeps no document its route does not let a shared cache keep, and lets all go at an invalidation", async () => {
    await get("/sitemap.xml?policy=none");
    expect((await get("/sitemap.xml?policy=none")).body.toString()).toContain("<!-- render 2 -->");
    await get("/sitemap.xml");
    pageCacheState().lastRevalidatedAt = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await get("/sitemap.xml")).body.toString()).toContain("<!-- render 4 -->");
    expect(renders).toBe(4);
  });
});

describe("storesRequest", () => {
  it.each([
    ["GET", "/news/us/a-story", {}, true],
    ["HEAD", "/", {}, true],
    ["POST", "/", {}, false],
    ["GET", "/live", {}, false],
    ["GET", "/preview/abc", {}, false],
    ["GET", "/search?q=harbor", {}, false],
    ["GET", "/editor", {}, false],
    ["GET", "/api/stories", {}, false],
    ["GET", "/feed.xml", {}, true],
    ["GET", "/sitemaps/stories-1.xml", {}, true],
    ["HEAD", "/tags/climate/feed.xml", {}, true],
    ["GET", "/feed.json", { cookie: "next-auth.session-token=x" }, false],
    ["GET", "/media/2026/01/a.jpg", {}, false],
    ["GET", "/news", { rsc: "1" }, false],
    ["GET", "/news?_rsc=abc", {}, false],
    ["GET", "/news", { cookie: "next-auth.session-token=x" }, false],
  ])("%s %s %o: %s", (method, url, headers, expected) => {
    expect(storesRequest({ method, url, headers })).toBe(expected);
  });
});

describe("chooseEncoding", () => {
  it.each([
    [undefined, "identity"],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["*", "gzip"],
    ["identity", "identity"],
  ])("%s → %s", (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
