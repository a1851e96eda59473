import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { redirects, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { cacheTags } from "@/lib/cache/tags";
import { markRevalidated, pageCacheState } from "@/lib/cache/shared-state.cjs";
import { removeKeys, TEST_REDIS_URL, testInstance, testPrefix, waitFor, type TestInstance } from "@/lib/cache/redis-testing";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { invalidatePathRules, matchPathRule } from "./path-rules";

// The path rules of this process (the instance reading) follow a write made on another instance
// (a pretend one with its own state) as soon as its mark arrives through Redis, not a second
// later on the timer: the first request after the mark answers the new rule.

let test: TestDatabase;
const prefix = testPrefix();
let here: TestInstance;
let other: TestInstance;

beforeAll(async () => {
  test = await createTestDatabase();
  here = testInstance(TEST_REDIS_URL, prefix, pageCacheState());
  other = testInstance(TEST_REDIS_URL, prefix);
  await waitFor(() => here.link.status() === "up" && other.link.status() === "up", "Redis to be up");
});

afterAll(async () => {
  await Promise.all([here.link.close(), other.link.close()]);
  await removeKeys(TEST_REDIS_URL, prefix);
  await test.dispose();
});

/** A write on the other instance, marked there as invalidatePathRules does. */
async function writeElsewhere(write: () => Promise<unknown>): Promise<void> {
  await write();
  const before = pageCacheState().revalidatedAt.get(cacheTags.pathRules) ?? 0;
  markRevalidated([cacheTags.pathRules], other.state);
  await waitFor(() => (pageCacheState().revalidatedAt.get(cacheTags.pathRules) ?? 0) > before, "the mark to arrive here");
}

it("answers the 410 of a story unpublished and the 301 of a slug changed on another instance from the first request after", async () => {
  await createSection(test.db, "news", "News");
  const us = await createSection(test.db, "news/us", "U.S.");
  const going = await createStory(test.db, { sectionId: us, slug: "going" });
  const moving = await createStory(test.db, { sectionId: us, slug: "moving" });
  expect(await matchPathRule("/news/us/going")).toBeUndefined();
  expect(await matchPathRule("/news/us/moving")).toBeUndefined();

  await writeElsewhere(() => test.db.update(stories).set({ status: "unpublished" }).where(eq(stories.id, going.id)));
  expect(await matchPathRule("/news/us/going")).toEqual({ status: 410 });

  await writeElsewhere(async () => {
    await test.db.update(stories).set({ slug: "moved" }).where(eq(stories.id, moving.id));
    await test.db.insert(redirects).values({ fromPath: "/news/us/moving", storyId: moving.id });
  });
  expect(await matchPathRule("/news/us/moving")).toEqual({ status: 301, location: "/news/us/moved" });
});

it("marks the rules on the other instances when they change here", async () => {
  const before = other.state.revalidatedAt.get(cacheTags.pathRules) ?? 0;
  invalidatePathRules();
  await waitFor(() => (other.state.revalidatedAt.get(cacheTags.pathRules) ?? 0) > before, "the mark on the other instance");
});
