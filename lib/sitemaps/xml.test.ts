import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { SITEMAP_PAGE_SIZE } from "./queries";
import { writeNewsUrlSet, writeSitemapIndex, writeUrlSet } from "./xml";

// The writer's escaping, on text a headline or a slug could carry.

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" });

describe("sitemap XML", () => {
  it.each([
    ["markup characters", `Tom & Jerry's <"best"> day`, `Tom & Jerry's <"best"> day`],
    ["control characters XML cannot carry", "Bell\u0007 and\u0000 form\u000Cfeed", "Bell and formfeed"],
    ["non-Latin text", "Zürich — 東京", "Zürich — 東京"],
  ])("a news title with %s stays well-formed", (_label, title, expected) => {
    const xml = writeNewsUrlSet(
      [{ loc: "https://example.org/a?x=1&y=2", lastmod: "2026-01-01T00:00:00.000Z", title, publicationDate: "2026-01-01T00:00:00.000Z" }],
      { name: "A & B", language: "en" },
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    const { url } = parser.parse(xml).urlset;
    expect(url.loc).toBe("https://example.org/a?x=1&y=2");
    expect(url["news:news"]["news:title"]).toBe(expected);
    expect(url["news:news"]["news:publication"]["news:name"]).toBe("A & B");
  });

  it("writes an empty sitemap and index as well-formed documents", () => {
    for (const xml of [writeUrlSet([]), writeSitemapIndex([])]) {
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      expect(XMLValidator.validate(xml)).toBe(true);
    }
  });
});

describe("a full story sitemap page", () => {
  // A 50,000-URL page (5.6 MB) took more than the server's 128 MB heap to build and stopped it at
  // 100,000 stories; a page is kept to a size one render can afford.
  it("is at most 2 MB of XML with addresses as long as a real story's", () => {
    const entries = Array.from({ length: SITEMAP_PAGE_SIZE }, (_, i) => ({
      loc: `https://news.example.org/news/us/a-headline-of-ordinary-length-turned-into-a-slug-${i}`,
      lastmod: "2026-01-01T00:00:00.000Z",
    }));
    expect(Buffer.byteLength(writeUrlSet(entries))).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
