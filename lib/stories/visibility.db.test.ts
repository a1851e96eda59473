import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { stories, type Story } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { hasHadPublicAddress, isPublishedNow, publishedNow } from "./visibility";

// The SQL condition and the function are one rule: for every kind of story they must agree,
// and agree with what a reader should see.

const HOUR = 3_600_000;
const cases: { name: string; status: Story["status"]; publishedAt: Date | null; readable: boolean }[] = [
  { name: "published an hour ago", status: "published", publishedAt: new Date(Date.now() - HOUR), readable: true },
  { name: "published, embargoed for an hour", status: "published", publishedAt: new Date(Date.now() + HOUR), readable: false },
  { name: "published without a time", status: "published", publishedAt: null, readable: false },
  { name: "unpublished after a publication", status: "unpublished", publishedAt: new Date(Date.now() - HOUR), readable: false },
  { name: "scheduled", status: "scheduled", publishedAt: null, readable: false },
  { name: "in review", status: "review", publishedAt: null, readable: false },
  { name: "a draft", status: "draft", publishedAt: null, readable: false },
];

let test: TestDatabase;
const ids = new Map<string, number>();

beforeAll(async () => {
  test = await createTestDatabase();
  const sectionId = await createSection(test.db, "news", "News");
  for (const row of cases) {
    const { id } = await createStory(test.db, { sectionId, status: row.status, publishedAt: row.publishedAt });
    ids.set(row.name, id);
  }
});

afterAll(async () => {
  await test.dispose();
});

describe("published, in SQL and in JavaScript", () => {
  it.each(cases)("$name: readable is $readable", async ({ name, status, publishedAt, readable }) => {
    const found = await test.db
      .select({ id: stories.id })
      .from(stories)
      .where(and(eq(stories.id, ids.get(name)!), publishedNow));
    expect(found.length === 1).toBe(readable);
    expect(isPublishedNow({ status, publishedAt })).toBe(readable);
  });

  it.each([
    ["published", null, true],
    ["unpublished", null, true],
    ["draft", new Date("2026-10-01T12:00:00Z"), true],
    ["scheduled", null, false],
    ["review", null, false],
    ["draft", null, false],
  ] as const)("a %s story published at %s has had a public address: %s", (status, publishedAt, had) => {
    expect(hasHadPublicAddress({ status, publishedAt })).toBe(had);
  });

  it("takes the moment to judge by", () => {
    const story = { status: "published" as const, publishedAt: new Date("2026-10-01T12:00:00Z") };
    expect(isPublishedNow(story, new Date("2026-10-01T11:59:59Z"))).toBe(false);
    expect(isPublishedNow(story, new Date("2026-10-01T12:00:00Z"))).toBe(true);
  });
});
