import { describe, expect, it } from "vitest";
import { isMalformedSearch } from "./search-status";

// The search addresses the HTTP server answers with a 400 (lib/http/search-status.ts).

describe("a malformed search address", () => {
  it.each([
    "/search?from=2026-02-30",
    "/search?q=a&to=yesterday",
    "/search?q=a&after=abc",
    // Beyond any story id: the database would fail the query (a 500 before).
    "/search?q=a&after=9999999999",
    "/search?q=a&after=2147483648",
    "/search?q=a&q=b",
    "/search?q=a&section=News!",
    "/search?q=a&from=2026-03-02&to=2026-03-01",
    `/search?q=a&author=${"x".repeat(300)}`,
  ])("%s is one", (url) => {
    expect(isMalformedSearch(url)).toBe(true);
  });

  it.each(["/search", "/search?q=", "/search?q=%E0%A4%A", `/search?q=${"a".repeat(5000)}`, "/search?q=x&section=news/us&from=2026-01-01&after=12", "/news?from=nonsense"])(
    "%s is not",
    (url) => {
      expect(isMalformedSearch(url)).toBe(false);
    },
  );
});
