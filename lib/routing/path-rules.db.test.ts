import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { redirects } from "@/db/schema";
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

it("answers 410 for unpublished stories and 301 from old paths to the current one", async () => {
  const db = test.db;
  await createSection(db, "news", "News");
  const us = await createSection(db, "news/us", "U.S.");
  const moved = await createStory(db, { sectionId: us, slug: "new-slug" });
  const withdrawn = await createStory(db, { sectionId: us, slug: "withdrawn", status: "unpublished" });
  await createStory(db, { sectionId: us, slug: "still-here" });
  await db.insert(redirects).values([
    { fromPath: "/news/old-slug", storyId: moved.id },
    { fromPath: "/news/us/withdrawn-old", storyId: withdrawn.id },
  ]);

  const { rules } = await loadPathRules(db);
  expect(Object.fromEntries(rules)).toEqual({
    "/news/old-slug": { status: 301, location: "/news/us/new-slug" },
    "/news/us/withdrawn-old": { status: 410 },
    "/news/us/withdrawn": { status: 410 },
  });
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

    for (const url of ["/news/us/still-here", "/", "/news", "/_next/static/x.js"]) {
      const other = exchange(url);
      expect(await other.answer()).toBe("continue");
      expect(other.response.statusCode).toBe(200);
      expect(other.request.url).toBe(url);
    }
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
