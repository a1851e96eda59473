import { describe, expect, it } from "vitest";
import { mayBeOldAddress, oldPathKey, oldPathLookupKey } from "./old-path-key";

// The one spelling of an old address (stored by the importer, looked up by the server), and which
// requests are looked up at all: only those no page of ours may answer.

describe("oldPathKey", () => {
  it.each([
    ["https://old.example.com/2019/04/29/harbour-opens/", "/2019/04/29/harbour-opens"],
    ["/2019/04/29/harbour-opens", "/2019/04/29/harbour-opens"],
    ["https://old.example.com/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/", "/привет"],
    ["https://old.example.com/%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82", "/привет"],
    ["/category/news/us/feed/", "/category/news/us/feed"],
    ["https://old.example.com/?p=123", "/?p=123"],
    ["/?p=0123&utm_source=x", "/?p=123"],
    ["/index.php?page_id=9", "/?page_id=9"],
    ["/?cat=4", "/?cat=4"],
    ["/?page_id=9&p=3", "/?p=3"],
    ["/slug/?utm_source=feed", "/slug"],
  ])("keys %s as %s", (address, key) => {
    expect(oldPathKey(address)).toBe(key);
  });

  it.each(["/", "https://old.example.com/", "/?s=search", "/?p=abc", "/?p=12345678901", "/blog/?p=5", "/%E0%A4%A", `/${"x".repeat(2001)}`])("has no key for %s", (address) => {
    expect(oldPathKey(address)).toBeNull();
  });
});

describe("oldPathLookupKey", () => {
  const sections = new Set(["news", "news/us", "opinion"]);
  const isSection = (path: string) => sections.has(path);

  it.each([
    ["/", "?p=123", "/?p=123"],
    ["/", "?page_id=9&ref=x", "/?page_id=9"],
    ["/", "?cat=4", "/?cat=4"],
    ["/2019/04/29/harbour-opens/", "", "/2019/04/29/harbour-opens"],
    ["/2019/04/29/harbour-opens", "?utm_source=x", "/2019/04/29/harbour-opens"],
    ["/harbour-opens/", "", "/harbour-opens"],
    ["/harbour-opens", "", "/harbour-opens"],
    ["/Harbour", "", "/Harbour"],
    ["/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/", "", "/привет"],
    ["/category/news/us/", "", "/category/news/us"],
    ["/tag/weather/feed/", "", "/tag/weather/feed"],
    ["/author/ana/", "", "/author/ana"],
    ["/feed/", "", "/feed"],
    ["/rss/", "", "/rss"],
    // With a slash no page of ours answers, even under a section: an old permalink.
    ["/news/harbour-opens/", "", "/news/harbour-opens"],
    ["/news/us/old/deeper", "", "/news/us/old/deeper"],
  ])("looks up %s%s as %s", (pathname, search, key) => {
    expect(oldPathLookupKey(pathname, search, isSection)).toBe(key);
  });

  it("agrees with the first look: what that passes over is never looked up", () => {
    for (const [pathname, search] of [["/", ""], ["/", "?s=x"], ["/live", ""], ["/feed.xml", ""], ["/tags/x/", ""], ["/_next/x", ""], ["/editor/", ""]] as const) {
      expect(mayBeOldAddress(pathname, search)).toBe(false);
      expect(oldPathLookupKey(pathname, search, () => false)).toBeNull();
    }
    for (const [pathname, search] of [["/", "?p=1"], ["/index.php", "?cat=2"], ["/slug/", ""], ["/2019/04/29/x", ""], ["/news/us/x", ""]] as const) {
      expect(mayBeOldAddress(pathname, search)).toBe(true);
      expect(oldPathLookupKey(pathname, search, () => false)).not.toBeNull();
    }
  });

  it.each([
    ["/", ""],
    ["/", "?s=harbour"],
    ["/", "?before=12"],
    ["/news", ""],
    ["/news/us", "?before=3"],
    ["/news/us/harbour-opens", ""],
    ["/news/us/feed.xml", ""],
    ["/news/_before/12", ""],
    ["/feed.xml", ""],
    ["/robots.txt", ""],
    ["/live", ""],
    ["/search", "?q=x"],
    ["/tags/weather", ""],
    ["/authors/ana/", ""],
    ["/page-not-found", ""],
    ["/_not-addressable", ""],
    ["/%E0%A4%A", ""],
  ])("does not look up %s%s (a page of ours may answer it)", (pathname, search) => {
    expect(oldPathLookupKey(pathname, search, isSection)).toBeNull();
  });
});
