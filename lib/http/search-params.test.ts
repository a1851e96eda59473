import { describe, expect, it } from "vitest";
import { firstValues, listPageHref, olderPageHref } from "./search-params";

describe("firstValues", () => {
  it("keeps the first value of each parameter and leaves empty ones out", async () => {
    expect(await firstValues(Promise.resolve({ q: ["a", "b"], status: "", before: "3", none: undefined }))).toEqual({ q: "a", status: undefined, before: "3", none: undefined });
  });
});

describe("olderPageHref", () => {
  it("keeps every filter in use, encoded, and puts the cursor last", () => {
    expect(olderPageHref("/editor/audit", { action: "story.publish", since: "2020-01-01T00:00", until: undefined, q: "", before: 99 }, 42)).toBe(
      "/editor/audit?action=story.publish&since=2020-01-01T00%3A00&before=42",
    );
    expect(olderPageHref("/editor/media", { q: "a b&c" }, 7)).toBe("/editor/media?q=a+b%26c&before=7");
    // A section page has no filters: next.config.js moves this cursor into the path.
    expect(olderPageHref("/news/us", {}, 5)).toBe("/news/us?before=5");
  });
});

describe("listPageHref", () => {
  it("keeps the filters in use, and is the bare path without any", () => {
    expect(listPageHref("/editor", { q: "harbor wall", status: "review", section: undefined, mine: "" })).toBe("/editor?q=harbor+wall&status=review");
    expect(listPageHref("/editor", { status: undefined })).toBe("/editor");
  });
});
