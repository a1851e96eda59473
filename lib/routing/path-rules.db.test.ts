import type { IncomingMessage, ServerResponse } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { redirects, sections, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { answerPathRule, GONE_PAGE } from "./answer-path-rule";
import { loadPathRules } from "./path-rules";

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

it("answers 410 for unpublished stories and 301 from old paths of stories and sections to the current one", async () => {
  const db = test.db;
  await createSection(db, "news", "News");
  const us = await createSection(db, "news/us", "U.S.");
  const opinion = await createSection(db, "opinion", "Opinion");
  const letters = await createSection(db, "opinion/letters", "Letters");
  const moved = await createStory(db, { sectionId: us, slug: "new-slug" });
  const withdrawn = await createStory(db, { sectionId: us, slug: "withdrawn", status: "unpublished" });
  await createStory(db, { sectionId: us, slug: "still-here" });
  await db.insert(redirects).values([
    { fromPath: "/news/old-slug", storyId: moved.id },
    { fromPath: "/news/us/withdrawn-old", storyId: withdrawn.id },
    { fromPath: "/views", sectionId: opinion },
    { fromPath: "/views/letters", sectionId: letters },
    // A section's old address that an unpublished story has since taken: the story's 410 wins.
    { fromPath: "/news/us/withdrawn", sectionId: letters },
  ]);

  const { rules } = await loadPathRules(db);
  expect(Object.fromEntries(rules)).toEqual({
    "/news/old-slug": { status: 301, location: "/news/us/new-slug" },
    "/news/us/withdrawn-old": { status: 410 },
    "/news/us/withdrawn": { status: 410 },
    "/news/us/withdrawn/feed.xml": { status: 301, location: "/opinion/letters/feed.xml" },
    "/views": { status: 301, location: "/opinion" },
    "/views/feed.xml": { status: 301, location: "/opinion/feed.xml" },
    "/views/letters": { status: 301, location: "/opinion/letters" },
    "/views/letters/feed.xml": { status: 301, location: "/opinion/letters/feed.xml" },
  });
});

it("refuses a redirect that leads to both a story and a section; one that leads to neither answers 410", async () => {
  const [story] = await test.db.select({ id: stories.id }).from(stories).limit(1);
  const [section] = await test.db.select({ id: sections.id }).from(sections).limit(1);
  await expect(test.db.insert(redirects).values({ fromPath: "/nowhere", storyId: story!.id, sectionId: section!.id })).rejects.toThrow();
  expect(await test.db.$count(redirects, eq(redirects.fromPath, "/nowhere"))).toBe(0);
  // The address of a story purged from the trash after readers met it (lib/stories/trash.ts).
  await test.db.insert(redirects).values({ fromPath: "/nowhere" });
  expect((await loadPathRules(test.db)).rules.get("/nowhere")).toEqual({ status: 410 });
  await test.db.delete(redirects).where(eq(redirects.fromPath, "/nowhere"));
});

describe("answerPathRule", () => {
  function exchange(url: string) {
    const request = { url } as IncomingMessage;
    const response = {
      statusCode: 200,
      headers: {} as Record<string, string>,
      ended: false,
      writeHead(status: number, headers: Record<string, string>) {
        this.statusCode = status;
        this.headers = headers;
        return this;
      },
      end() {
        this.ended = true;
      },
    };
    return { request, response, answer: () => answerPathRule(request, response as unknown as ServerResponse) };
  }

  it("redirects old paths with the query kept, rewrites gone stories to the 410 page, passes the rest", async () => {
    const moved = exchange("/news/old-slug?ref=feed");
    expect(await moved.answer()).toBe("answered");
    expect(moved.response.statusCode).toBe(301);
    expect(moved.response.headers.Location).toBe("/news/us/new-slug?ref=feed");

    const gone = exchange("/news/us/withdrawn");
    expect(await gone.answer()).toBe("continue");
    expect(gone.response.statusCode).toBe(410);
    expect(gone.request.url).toBe(GONE_PAGE);

    for (const url of ["/news/us/still-here", "/", "/news", "/opinion", "/_next/static/x.js", "/live", "/feed.xml", "/robots.txt"]) {
      const other = exchange(url);
      expect(await other.answer()).toBe("continue");
      expect(other.response.statusCode).toBe(200);
      expect(other.request.url).toBe(url);
    }
  });

  it.each([
    ["/views?before=123", "/opinion?before=123"],
    ["/views/", "/opinion"],
    ["/views/feed.xml", "/opinion/feed.xml"],
    ["/views/letters?ref=home", "/opinion/letters?ref=home"],
    ["/views/letters/feed.xml", "/opinion/letters/feed.xml"],
  ])("redirects the moved section's old address %s to %s in one hop", async (url, location) => {
    const old = exchange(url);
    expect(await old.answer()).toBe("answered");
    expect(old.response.statusCode).toBe(301);
    expect(old.response.headers.Location).toBe(location);
  });

  it.each([GONE_PAGE, "/feeds/sections/news", "/feeds/tags/weather", "/feeds/authors/dana-okafor"])(
    "keeps the internal page %s unreachable by its own address",
    async (url) => {
      const direct = exchange(url);
      expect(await direct.answer()).toBe("continue");
      expect(direct.request.url).not.toBe(url);
    },
  );
});
