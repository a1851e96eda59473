import { describe, expect, it } from "vitest";
import { absoluteUrl, authorPath, tagPath } from "./public-urls";

describe("public urls", () => {
  it("builds tag and author paths and absolute URLs on the site's address", () => {
    expect(tagPath("climate")).toBe("/tags/climate");
    expect(authorPath("ana-ruiz")).toBe("/authors/ana-ruiz");
    expect(absoluteUrl("/news/us", "https://example.org")).toBe("https://example.org/news/us");
  });
});
