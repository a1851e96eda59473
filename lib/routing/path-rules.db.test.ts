import { afterAll, beforeAll, expect, it } from "vitest";
import { createSection, createStory } from "@/db/fixtures";
import { redirects } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
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
