import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, wasUpdated } from "./dates";
import { slugify } from "./slug";

describe("dates", () => {
  it("prints the reference page's format", () => {
    expect(formatDate("2024-04-29T10:00:00Z", "UTC")).toBe("29 April 2024");
  });

  it("uses the site's time zone", () => {
    expect(formatDate("2024-04-29T02:00:00Z", "America/New_York")).toBe("28 April 2024");
    expect(formatDateTime("2024-04-29T14:05:00Z", "UTC")).toBe("29 April 2024, 14:05 UTC");
  });

  it("counts a story as updated only when it changed after publication", () => {
    expect(wasUpdated("2024-04-29T10:00:00Z", null)).toBe(false);
    expect(wasUpdated("2024-04-29T10:00:00Z", "2024-04-29T10:00:30Z")).toBe(false);
    expect(wasUpdated("2024-04-29T10:00:00Z", "2024-04-29T12:00:00Z")).toBe(true);
  });
});

describe("slugify", () => {
  it.each([
    ["Storm Leaves 40,000 Without Power", "storm-leaves-40-000-without-power"],
    ["Café owners & bakers unite", "cafe-owners-and-bakers-unite"],
    ["  --Already--sluggy--  ", "already-sluggy"],
  ])("%s → %s", (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });

  it("cuts long slugs at a word boundary", () => {
    const slug = slugify("word ".repeat(40), 22);
    expect(slug).toBe("word-word-word-word");
  });
});
