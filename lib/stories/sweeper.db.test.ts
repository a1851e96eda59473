import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, stories } from "@/db/schema";
import { createTestDatabase, openInstances, type TestDatabase } from "@/db/testing";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { sweepStories } from "./sweeper";
import { TRASH_DAYS } from "./trash";

// The sweep runs on every instance (scripts/serve.ts), every few seconds: with several sweeping
// the same due stories at once, each story is published (or purged) once, with one audit entry,
// and its pages invalidated once, by the instance that claimed it.

const invalidated = vi.hoisted(() => [] as number[]);
vi.mock("@/lib/cache/invalidate", async (original) => ({
  ...(await original<typeof import("@/lib/cache/invalidate")>()),
  invalidateStory: (id: number) => invalidated.push(id),
}));

const DAY = 24 * 60 * 60 * 1000;
const INSTANCES = 4;

let test: TestDatabase;
let sectionId: number;

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  sectionId = await createSection(test.db, "news/world", "World");
});

afterAll(async () => {
  await test.dispose();
});

const auditCounts = async (action: string, ids: number[]) => {
  const rows = await test.db.select({ id: auditLog.targetId }).from(auditLog).where(and(eq(auditLog.action, action), inArray(auditLog.targetId, ids.map(String))));
  return ids.map((id) => rows.filter((row) => row.id === String(id)).length);
};

describe(`${INSTANCES} instances sweeping at once`, () => {
  it("publish each due story once, with one audit entry and one invalidation each", async () => {
    const scheduledAt = new Date(Date.now() - 60_000);
    const due = await Promise.all(Array.from({ length: 12 }, () => createStory(test.db, { sectionId, status: "scheduled", publishedAt: null, scheduledAt })));
    const later = await createStory(test.db, { sectionId, status: "scheduled", publishedAt: null, scheduledAt: new Date(Date.now() + DAY) });
    const ids = due.map((story) => story.id);
    const { instances, close } = openInstances(test, INSTANCES);
    try {
      // Each instance sweeps twice over: eight sweeps racing for the same twelve stories.
      const sweeps = await Promise.all([...instances, ...instances].map((instance) => sweepStories(new Date(), instance.db)));
      const published = sweeps.flatMap((sweep) => sweep.published);
      expect(published.toSorted((a, b) => a - b)).toEqual(ids.toSorted((a, b) => a - b));
    } finally {
      await close();
    }
    expect(await auditCounts("story.publish_scheduled", ids)).toEqual(ids.map(() => 1));
    expect(invalidated.filter((id) => ids.includes(id)).toSorted((a, b) => a - b)).toEqual(ids.toSorted((a, b) => a - b));
    const rows = await test.db.select({ status: stories.status, publishedAt: stories.publishedAt }).from(stories).where(inArray(stories.id, ids));
    expect(rows.every((row) => row.status === "published" && row.publishedAt?.getTime() === scheduledAt.getTime())).toBe(true);
    const [notYet] = await test.db.select({ status: stories.status }).from(stories).where(eq(stories.id, later.id));
    expect(notYet?.status).toBe("scheduled");
  });

  it("purge each story due out of the trash once, with one audit entry each", async () => {
    const trashedAt = new Date(Date.now() - (TRASH_DAYS + 1) * DAY);
    const due = await Promise.all(Array.from({ length: 6 }, () => createStory(test.db, { sectionId, status: "draft", publishedAt: null, trashedAt })));
    const ids = due.map((story) => story.id);
    const { instances, close } = openInstances(test, INSTANCES);
    try {
      const sweeps = await Promise.all([...instances, ...instances].map((instance) => sweepStories(new Date(), instance.db)));
      expect(sweeps.flatMap((sweep) => sweep.purged).toSorted((a, b) => a - b)).toEqual(ids.toSorted((a, b) => a - b));
    } finally {
      await close();
    }
    expect(await auditCounts("story.purge", ids)).toEqual(ids.map(() => 1));
    expect(await test.db.select({ id: stories.id }).from(stories).where(inArray(stories.id, ids))).toEqual([]);
  });
});
