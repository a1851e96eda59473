import { describe, expect, it } from "vitest";
import { buildSectionTree } from "@/lib/sections/queries";
import type { StoryLookup } from "@/lib/stories/queries";
import { resolvePath, resolveTopicPath } from "./resolve-path";

const tree = buildSectionTree([
  { id: 1, parentId: null, slug: "news", path: "news", name: "News", description: "" },
  { id: 2, parentId: 1, slug: "us", path: "news/us", name: "U.S.", description: "" },
]);

const stories: Record<string, StoryLookup> = {
  "fire-story": { state: "published", id: 10, path: "/news/us/fire-story" },
  "old-story": { state: "gone", path: "/news/us/old-story" },
};
const lookup = async (slug: string) => stories[slug] ?? { state: "missing" as const };

describe("resolvePath", () => {
  it.each([
    [[], { kind: "home" }],
    [["news"], { kind: "section", before: null }],
    [["news", "us"], { kind: "section", before: null }],
    [["news", "us", "_before", "42"], { kind: "section", before: 42 }],
    [["news", "us", "_before", "0"], { kind: "not-found" }],
    [["news", "us", "_before", "x"], { kind: "not-found" }],
    // Beyond PostgreSQL's integer range no story has that id: 404, not a failed query.
    [["news", "us", "_before", "2147483648"], { kind: "not-found" }],
    [["news", "us", "_before", "2147483647"], { kind: "section", before: 2147483647 }],
    [["sport", "_before", "3"], { kind: "not-found" }],
    [["news", "us", "fire-story"], { kind: "article", storyId: 10 }],
    [["news", "fire-story"], { kind: "not-found" }],
    [["sports", "us", "fire-story"], { kind: "not-found" }],
    [["news", "us", "old-story"], { kind: "gone" }],
    [["news", "us", "nothing"], { kind: "not-found" }],
    [["nothing"], { kind: "not-found" }],
    [["News"], { kind: "not-found" }],
    [["news", "us", "bad slug"], { kind: "not-found" }],
  ])("%j → %j", async (segments, expected) => {
    expect(await resolvePath(segments, tree, lookup)).toMatchObject(expected);
  });
});

describe("resolveTopicPath", () => {
  it.each([
    [["climate"], { slug: "climate", before: null }],
    [["dana-okafor"], { slug: "dana-okafor", before: null }],
    [["climate", "_before", "42"], { slug: "climate", before: 42 }],
    [["climate", "_before", "0"], null],
    [["climate", "_before", "2147483648"], null],
    [["climate", "_before"], null],
    [["climate", "more"], null],
    [["climate", "_before", "4", "x"], null],
    [["Climate"], null],
    [["bad slug"], null],
    [[], null],
  ])("%j → %j", (segments, expected) => {
    expect(resolveTopicPath(segments)).toEqual(expected);
  });
});
