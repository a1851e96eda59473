import { describe, expect, it } from "vitest";
import type { Article } from "@/lib/stories/queries";
import { newsArticleData } from "./news-article";

const SITE = "https://meridian.example";
const HERO_KEY = "2026/11/0123456789abcdef0123456789abcdef.jpg";

const article = {
  id: 1,
  slug: "a-story",
  path: "/news/a-story",
  headline: "A headline",
  deck: "A deck",
  sectionName: "News",
  sectionPath: "news",
  publishedAt: "2026-11-27T09:30:00.000Z",
  revisedAt: null,
  image: { src: `/media/${HERO_KEY}`, width: 2000, height: 1000, alt: "Alt" },
  heroCaption: "A caption",
  heroCredit: "Photo: Someone",
  bylines: [{ name: "Ana Ruiz", slug: "ana-ruiz", title: "Reporter" }],
  tags: [{ name: "Elections", slug: "elections" }],
  corrections: [{ note: "An earlier version misspelled a name.", createdAt: "2026-11-28T10:00:00.000Z" }],
} as unknown as Article;

describe("newsArticleData", () => {
  const data = newsArticleData(article, `${SITE}${article.path}`, "The Meridian", SITE);

  it.each([
    ["headline", "A headline"],
    ["description", "A deck"],
    ["mainEntityOfPage", `${SITE}/news/a-story`],
    ["datePublished", "2026-11-27T09:30:00.000Z"],
    ["dateModified", "2026-11-27T09:30:00.000Z"],
    ["articleSection", "News"],
    ["keywords", ["Elections"]],
  ])("keeps %s", (field, value) => {
    expect(data[field as keyof typeof data]).toEqual(value);
  });

  it("names the publisher with its logo", () => {
    expect(data.publisher).toEqual({
      "@type": "NewsMediaOrganization",
      name: "The Meridian",
      url: SITE,
      logo: { "@type": "ImageObject", url: `${SITE}/logo.png`, width: 512, height: 512 },
    });
  });

  it("links each author to their page", () => {
    expect(data.author).toEqual([{ "@type": "Person", name: "Ana Ruiz", url: `${SITE}/authors/ana-ruiz` }]);
  });

  it("gives the hero photo in 16:9, 4:3 and 1:1, each credited, none wider than 1200 or than the original allows", () => {
    const credited = { "@type": "ImageObject", caption: "A caption", creditText: "Photo: Someone" };
    expect(data.image).toEqual([
      { ...credited, url: `${SITE}/media/crop/16x9/${HERO_KEY}`, width: 1200, height: 675 },
      { ...credited, url: `${SITE}/media/crop/4x3/${HERO_KEY}`, width: 1200, height: 900 },
      { ...credited, url: `${SITE}/media/crop/1x1/${HERO_KEY}`, width: 1000, height: 1000 },
    ]);
  });

  it("lists published corrections, and none when there are none", () => {
    expect(data.correction).toEqual([
      { "@type": "CorrectionComment", text: "An earlier version misspelled a name.", datePublished: "2026-11-28T10:00:00.000Z" },
    ]);
    expect(newsArticleData({ ...article, corrections: [], image: null }, "u", "M", SITE)).toMatchObject({
      correction: undefined,
      image: undefined,
    });
  });
});
