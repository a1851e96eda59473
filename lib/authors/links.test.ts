import { describe, expect, it } from "vitest";
import { authorLinksSchema, linksFromLines, linksToLines, readAuthorLinks } from "./links";

describe("author links", () => {
  it.each([
    ["https://example.org/dana", true],
    ["http://example.com/", true],
    ["  https://example.org/padded  ", true],
    ["javascript:alert(1)", false],
    ["data:text/html,<b>x</b>", false],
    ["ftp://example.org/file", false],
    ["mailto:dana@example.org", false],
    ["example.org/no-scheme", false],
    ["", false],
  ])("%s is accepted: %s", (url, accepted) => {
    expect(authorLinksSchema.safeParse([{ label: "Site", url }]).success).toBe(accepted);
  });

  it("refuses an empty label and more than ten links", () => {
    expect(authorLinksSchema.safeParse([{ label: " ", url: "https://example.org" }]).success).toBe(false);
    const many = Array.from({ length: 11 }, (_, i) => ({ label: `L${i}`, url: `https://example.org/${i}` }));
    expect(authorLinksSchema.safeParse(many).success).toBe(false);
  });

  it("reads only the valid links of a stored value", () => {
    const stored = [
      { label: "Site", url: "https://example.org" },
      { label: "Bad", url: "javascript:alert(1)" },
      { url: "https://example.org/no-label" },
      "text",
    ];
    expect(readAuthorLinks(stored)).toEqual([{ label: "Site", url: "https://example.org" }]);
    expect(readAuthorLinks(null)).toEqual([]);
  });
});

describe("links typed one a line", () => {
  it("reads a label then the address, a bare address under its host, and skips blank lines", () => {
    expect(linksFromLines("Field notes  https://example.org/notes\r\n\n  https://example.com/dana  \nMy site x")).toEqual([
      { label: "Field notes", url: "https://example.org/notes" },
      { label: "example.com", url: "https://example.com/dana" },
      { label: "My site", url: "x" },
    ]);
    expect(linksFromLines("  \n")).toEqual([]);
  });

  it("writes back what it reads", () => {
    const links = [
      { label: "Field notes", url: "https://example.org/notes" },
      { label: "Photo journal", url: "https://photos.example.com/" },
    ];
    expect(linksFromLines(linksToLines(links))).toEqual(links);
  });
});
