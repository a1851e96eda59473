import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { updateAuthor } from "@/lib/authors/commands";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { createStory, saveStory } from "./commands";
import { countStoriesByStatus, listStoriesForDashboard } from "./editor-queries";
import { submitForReview } from "./workflow";

// The story search index (lib/stories/search-vector.ts) as the newsroom's list reads it: every
// word a story is found by is written by the commands that change it, the search reads web-style
// queries, combines with every filter, and no query, however odd, is an error.

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let us: number;
let world: number;
let reporter: number;
let other: number;
const ids: Record<string, number> = {};

async function write(actor: CurrentUser, key: string, fields: Record<string, unknown>) {
  const created = await createStory(actor, {
    deck: "",
    sectionId: us,
    authorIds: [reporter],
    tags: [],
    body: documentOf("Nothing to see here."),
    ...fields,
  });
  ids[key] = created.id;
}

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  us = await createSection(test.db, "news/us", "U.S.");
  world = await createSection(test.db, "news/world", "World");
  reporter = await createAuthor(test.db, "Pat Reporter");
  other = await createAuthor(test.db, "Imogen Quillfeather");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "editor@search.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@search.test", name: "Wren Writer", role: "writer", password }));
  await write(editor, "ferry", { headline: "Council votes on the harbor wall", body: documentOf("The old ferries were retired in spring.") });
  await write(editor, "byline", { headline: "Schools reopen", authorIds: [other] });
  await write(editor, "tagged", { headline: "Budget approved", tags: ["Lighthouse keepers"] });
  await write(editor, "deck", { headline: "Storm warning", deck: "Fishermen stay ashore until Monday.", sectionId: world });
  await write(writer, "mine", { headline: "Harbor festival returns", body: documentOf("Boats and music on the quay.") });
  await submitForReview(writer, ids.mine!);
});

afterAll(async () => {
  await test.dispose();
});

const found = async (q: string, filters: Parameters<typeof listStoriesForDashboard>[1] = {}, who: CurrentUser = editor) =>
  (await listStoriesForDashboard(who, { ...filters, q })).rows.map((row) => row.id).sort();
const of = (...keys: string[]) => keys.map((key) => ids[key]!).sort();

describe("the story search", () => {
  it("finds a story by a word of its body, stemmed, and by the beginning of a word", async () => {
    expect(await found("ferry")).toEqual(of("ferry"));
    expect(await found("retire")).toEqual(of("ferry"));
    expect(await found("quillf")).toEqual(of("byline"));
  });

  it("finds a story by its byline, its tags and its deck", async () => {
    expect(await found("Imogen Quillfeather")).toEqual(of("byline"));
    expect(await found("lighthouse")).toEqual(of("tagged"));
    expect(await found("fishermen")).toEqual(of("deck"));
  });

  it("reads quotes, or and minus", async () => {
    expect(await found('"harbor wall"')).toEqual(of("ferry"));
    expect(await found('"wall harbor"')).toEqual([]);
    expect(await found("lighthouse or fishermen")).toEqual(of("tagged", "deck"));
    expect(await found("harbor -festival")).toEqual(of("ferry"));
  });

  it("combines with status, section, author and mine", async () => {
    expect(await found("harbor", { status: "review" })).toEqual(of("mine"));
    expect(await found("harbor", { sectionId: world })).toEqual([]);
    expect(await found("storm", { sectionId: world })).toEqual(of("deck"));
    expect(await found("harbor", { authorId: other })).toEqual([]);
    expect(await found("harbor", { createdById: writer.id })).toEqual(of("mine"));
    expect(await countStoriesByStatus(editor, { q: "harbor" })).toEqual({ draft: 1, review: 1, scheduled: 0 });
  });

  it("shows a writer only what they may open", async () => {
    expect(await found("harbor", {}, writer)).toEqual(of("mine"));
  });

  it("keeps the list's order and pages by keyset", async () => {
    const first = await listStoriesForDashboard(editor, { q: "harbor", limit: 1 });
    expect(first.rows).toHaveLength(1);
    const second = await listStoriesForDashboard(editor, { q: "harbor", limit: 1, before: first.nextCursor! });
    expect([...first.rows, ...second.rows].map((row) => row.id).sort()).toEqual(of("ferry", "mine"));
  });

  it.each([
    ["", 5],
    ["   ", 5],
    ["the", 5],
    ["-", 5],
    ['""', 5],
    ["or", 5],
    ["!&|():*'\\", 5],
    ["a\u0000b", 0],
    ["\ud800harbor", 2],
    ["harbor ".repeat(100), 2],
    ["-harbor", 3],
  ])("answers %j without an error", async (q, count) => {
    expect(await found(q)).toHaveLength(count);
  });
});

describe("keeping the words up to date", () => {
  it("follows a save, in the same transaction", async () => {
    const [story] = await test.db.select({ revision: stories.revision }).from(stories).where(eq(stories.id, ids.ferry!));
    await saveStory(
      editor,
      ids.ferry!,
      { headline: "Council votes on the harbor wall", deck: "", sectionId: us, authorIds: [reporter], tags: ["Waterfront"], body: documentOf("Tugboats wait offshore.") },
      story!.revision,
    );
    expect(await found("ferry")).toEqual([]);
    expect(await found("tugboats waterfront")).toEqual(of("ferry"));
  });

  it("follows a renamed byline without moving the story's last change", async () => {
    const before = await test.db.select({ updatedAt: stories.updatedAt }).from(stories).where(eq(stories.id, ids.byline!));
    await updateAuthor(editor, other, { name: "Imogen Inkwell", slug: "imogen-inkwell" });
    expect(await found("quillfeather")).toEqual([]);
    expect(await found("inkwell")).toEqual(of("byline"));
    const after = await test.db.select({ updatedAt: stories.updatedAt }).from(stories).where(eq(stories.id, ids.byline!));
    expect(after).toEqual(before);
  });

  it("is backfilled by the migration exactly as the commands write it", async () => {
    const written = await test.db.select({ id: stories.id, words: stories.searchVector }).from(stories).orderBy(stories.id);
    const migration = readFileSync(new URL("../../db/migrations/0016_story_search.sql", import.meta.url), "utf8");
    const backfill = migration.split("--> statement-breakpoint").at(-1)!;
    expect(backfill).toMatch(/^\s*UPDATE "stories"/);
    await test.db.execute(sql`update stories set search_vector = ''`);
    await test.db.execute(sql.raw(backfill));
    expect(await test.db.select({ id: stories.id, words: stories.searchVector }).from(stories).orderBy(stories.id)).toEqual(written);
  });

  it("weighs the headline above the body", async () => {
    const [row] = await test.db
      .select({
        headline: sql<number>`ts_rank(${stories.searchVector}, to_tsquery('english', 'harbor'))`,
        body: sql<number>`ts_rank(${stories.searchVector}, to_tsquery('english', 'boat'))`,
      })
      .from(stories)
      .where(eq(stories.id, ids.mine!));
    expect(Number(row!.headline)).toBeGreaterThan(Number(row!.body));
  });
});
