import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config.js";
import { MAX_SECTION_DEPTH, RESERVED_FIRST_SEGMENTS } from "./section-paths";

// The ?before= rewrite of next.config.js, matched the way Next's router matches it.

type Rewrite = { source: string; destination: string; has?: { type: string; key: string }[] };
const { beforeFiles } = (await nextConfig.rewrites!()) as unknown as { beforeFiles: Rewrite[] };
const pagination = beforeFiles.find((rewrite) => rewrite.has?.some((condition) => condition.key === "before"))!;
const matches = getPathMatch(pagination.source, { strict: true, removeUnnamedParams: true, sensitive: false });

describe("the ?before= rewrite", () => {
  it.each(["/news", "/news/us", "/world/europe/france", "/newsroom", "/livestock", "/apiary/bees", "/editorials", "/a-b/c-d"])(
    "makes %s a page of older stories",
    (path) => {
      expect(matches(path)).toEqual({ path: path.slice(1) });
      expect(pagination.destination).toBe("/:path/_before/:before");
    },
  );

  it.each([
    "/",
    "/editor",
    "/editor/audit",
    "/editor/comments",
    "/editor/media",
    "/live",
    "/live/audio",
    "/api/live",
    "/preview/a-token",
    "/media/a.jpg",
    "/_next/static/chunk.js",
    "/search",
    "/tags/climate",
    "/authors/ada",
    "/gone",
    "/feeds/news",
    "/sitemap.xml",
    "/sitemaps",
    "/sitemaps/stories-1.xml",
    "/robots.txt",
    "/news/_before/3",
    "/news/us/a-story/more",
  ])("leaves %s alone", (path) => {
    expect(matches(path)).toBe(false);
  });

  it("leaves every reserved first segment alone, and paths deeper than sections nest", () => {
    for (const segment of RESERVED_FIRST_SEGMENTS) expect(matches(`/${segment}/x`)).toBe(false);
    expect(matches(`/${Array.from({ length: MAX_SECTION_DEPTH + 1 }, () => "a").join("/")}`)).toBe(false);
  });
});

describe("the ?before= rewrite of tag and author pages", () => {
  const topics = beforeFiles.find((rewrite) => rewrite.source.startsWith("/:kind(tags|authors)"))!;
  const topicMatches = getPathMatch(topics.source, { strict: true, removeUnnamedParams: true, sensitive: false });

  it.each([
    ["/tags/climate", { kind: "tags", slug: "climate" }],
    ["/authors/dana-okafor", { kind: "authors", slug: "dana-okafor" }],
  ])("makes %s a page of older stories", (path, params) => {
    expect(topicMatches(path)).toEqual(params);
    expect(topics.destination).toBe("/:kind/:slug/_before/:before");
    expect(topics.has).toEqual([expect.objectContaining({ type: "query", key: "before" })]);
  });

  it.each(["/tags", "/tags/climate/more", "/tags/Bad_Slug", "/authors/a/_before/3", "/news/climate", "/feeds/tags/climate"])(
    "leaves %s alone",
    (path) => {
      expect(topicMatches(path)).toBe(false);
    },
  );
});
