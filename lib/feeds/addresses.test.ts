import { describe, expect, it } from "vitest";
import {
  authorFeedAlternates,
  sectionFeedAlternates,
  siteFeedAlternates,
  siteRssAlternates,
  tagFeedAlternates,
} from "./addresses";

// The autodiscovery links each kind of page carries (Next's `alternates.types`).

const rssUrls = (types: Record<string, unknown>) =>
  (types["application/rss+xml"] as { url: string }[]).map((link) => link.url);

describe("feed alternates", () => {
  it.each([
    ["home (and any page without its own)", siteRssAlternates("M"), ["/feed.xml"]],
    ["section", sectionFeedAlternates({ path: "news/us", name: "U.S." }, "M"), ["/news/us/feed.xml"]],
    ["article", sectionFeedAlternates({ path: "news/us", name: "U.S." }, "M", true), ["/news/us/feed.xml", "/feed.xml"]],
    ["tag", tagFeedAlternates({ slug: "rates", name: "Rates" }, "M"), ["/tags/rates/feed.xml"]],
    ["author", authorFeedAlternates({ slug: "ada", name: "Ada" }, "M"), ["/authors/ada/feed.xml"]],
  ])("%s points at its feed", (_page, types, urls) => {
    expect(rssUrls(types)).toEqual(urls);
  });

  it("offers the home page all three formats of the site feed", () => {
    expect(siteFeedAlternates("M")).toEqual({
      "application/rss+xml": [{ url: "/feed.xml", title: "M (RSS)" }],
      "application/atom+xml": [{ url: "/feed.atom", title: "M (Atom)" }],
      "application/feed+json": [{ url: "/feed.json", title: "M (JSON Feed)" }],
    });
  });
});
