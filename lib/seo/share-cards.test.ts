import { describe, expect, it, vi } from "vitest";
import { shareCardAt, storyShareImage } from "./share-cards";

// The site settings as a database would give them: the name and description the cards draw.
vi.mock("@/lib/settings/cached", () => ({ getSiteSettings: async () => ({ name: "The Harbor Ledger", description: "News of the harbor towns." }) }));

const story = { id: 42, headline: "Ferries return", sectionName: "U.S.", image: { src: "/media/2026/11/0123456789abcdef0123456789abcdef.jpg" } };

describe("storyShareImage", () => {
  it("is the story's id with a hash of what its card draws", () => {
    expect(storyShareImage(story)).toMatch(/^\/media\/share\/stories\/42-[0-9a-f]{10}\.png$/);
    expect(storyShareImage({ ...story })).toBe(storyShareImage(story));
  });

  it.each([
    ["headline", { headline: "Ferries return early" }],
    ["section", { sectionName: "World" }],
    ["photo", { image: null }],
  ])("changes with the %s", (_what, change) => {
    expect(storyShareImage({ ...story, ...change })).not.toBe(storyShareImage(story));
  });
});

describe("shareCardAt", () => {
  it.each([
    ["nothing", "home.png"],
    ["site", "other.png"],
    ["stories", "0.png"],
    ["stories", "12.jpg"],
    ["stories", "12-xyz.png"],
    ["tags", "Not_A_Slug.png"],
    ["authors", "../etc.png"],
    ["sections", "abc.png"],
  ])("has no card at /media/share/%s/%s", async (kind, name) => {
    expect(await shareCardAt(kind, name)).toBeNull();
  });

  it("draws the front page's card from the site's name and description", async () => {
    expect(await shareCardAt("site", "home.png")).toEqual({ siteName: "The Harbor Ledger", kicker: "Front page", title: "News of the harbor towns." });
  });
});
