import { describe, expect, it } from "vitest";
import { etagMatches, MACHINE_CACHE_CONTROL, machineResponse } from "./conditional";

const url = "http://127.0.0.1/feed.xml";
const doc = { body: "<rss/>", contentType: "application/rss+xml; charset=utf-8", lastModified: new Date("2026-12-01T10:00:00.500Z") };
const get = (headers: Record<string, string> = {}, method = "GET") => new Request(url, { method, headers });

describe("machineResponse", () => {
  it("sends the document with its validators and a cache a CDN may keep", async () => {
    const response = machineResponse(get(), doc);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<rss/>");
    expect(response.headers.get("content-type")).toBe(doc.contentType);
    expect(response.headers.get("cache-control")).toBe(MACHINE_CACHE_CONTROL);
    expect(response.headers.get("last-modified")).toBe("Tue, 01 Dec 2026 10:00:00 GMT");
    expect(response.headers.get("etag")).toMatch(/^"[\w-]{27}"$/);
  });

  it.each([
    ["the same ETag", (etag: string) => ({ "if-none-match": etag }), 304],
    ["the same weak ETag among others", (etag: string) => ({ "if-none-match": `"old", W/${etag}` }), 304],
    ["another ETag, even with a later If-Modified-Since", () => ({ "if-none-match": '"old"', "if-modified-since": "Wed, 02 Dec 2026 00:00:00 GMT" }), 200],
    // A pulled story leaves the newest date as it was: the date alone cannot say "unchanged".
    ["If-Modified-Since alone, even at the Last-Modified second", () => ({ "if-modified-since": "Tue, 01 Dec 2026 10:00:00 GMT" }), 200],
  ])("answers %s with %i", (_, headersFor, status) => {
    const etag = machineResponse(get(), doc).headers.get("etag")!;
    const response = machineResponse(get(headersFor(etag)), doc);
    expect(response.status).toBe(status);
    if (status === 304) expect(response.body).toBeNull();
  });

  it("changes the ETag when the document changes, and sends no body to HEAD", async () => {
    expect(machineResponse(get(), doc).headers.get("etag")).not.toBe(machineResponse(get(), { ...doc, body: "<rss></rss>" }).headers.get("etag"));
    const head = machineResponse(get({}, "HEAD"), doc);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("has no Last-Modified for an empty document", () => {
    expect(machineResponse(get(), { ...doc, lastModified: null }).headers.get("last-modified")).toBeNull();
  });
});

describe("etagMatches", () => {
  it.each([
    ['"a"', true],
    ['W/"a"', true],
    ['"b", W/"a"', true],
    ["*", true],
    ['"b"', false],
    ["", false],
    [null, false],
    [undefined, false],
  ])("%s names \"a\": %s", (header, expected) => {
    expect(etagMatches(header, '"a"')).toBe(expected);
  });
});
