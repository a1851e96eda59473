import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { stories, storyRevisions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError } from "@/lib/errors";
import { createStory, saveStory } from "./commands";
import { restoreRevision } from "./revisions";
import { restoreStory, trashStory } from "./trash";
import { addCorrection, publishDueStories, publishStory, scheduleStory, submitForReview, unpublishStory } from "./workflow";

// The content revision moves only with a content save, one snapshot each: workflow steps between
// two saves never refuse the second, a conflict names whoever saved (not whoever published), and
// each story's revisions run 1..n. Migration 0015 renumbers the gaps older steps left.

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let us: number;
let authorId: number;

const input = (headline: string, slug: string) => ({ headline, slug, sectionId: us, authorIds: [authorId], body: documentOf(`${headline}.`) });

async function numbers(storyId: number) {
  const rows = await test.db.select({ revision: storyRevisions.revision }).from(storyRevisions).where(eq(storyRevisions.storyId, storyId)).orderBy(asc(storyRevisions.revision));
  return rows.map((row) => row.revision);
}

async function currentRevision(storyId: number) {
  const [row] = await test.db.select({ revision: stories.revision }).from(stories).where(eq(stories.id, storyId));
  return row!.revision;
}

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  us = await createSection(test.db, "news/us", "U.S.");
  authorId = await createAuthor(test.db, "Pat Reporter");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "editor@test.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@test.test", name: "Wren Writer", role: "writer", password }));
});

afterAll(async () => {
  await test.dispose();
});

describe("workflow steps between two saves", () => {
  it("submit, publish, correct and unpublish leave the revision alone, so the next save succeeds", async () => {
    const slug = "steps-between-saves";
    const { id } = await createStory(writer, input("First", slug));
    const second = await saveStory(writer, id, input("Second", slug), 1);
    await submitForReview(writer, id);
    await publishStory(editor, id);
    await addCorrection(editor, id, "An earlier version gave the wrong date.");
    // Opened at revision 2 before the steps above: still the current one.
    const third = await saveStory(editor, id, input("Third", slug), second.revision);
    await unpublishStory(editor, id);
    const fourth = await saveStory(editor, id, input("Fourth", slug), third.revision);
    expect([second.revision, third.revision, fourth.revision]).toEqual([2, 3, 4]);
    expect(await numbers(id)).toEqual([1, 2, 3, 4]);
    expect(await currentRevision(id)).toBe(4);
  });

  it("scheduling and the sweeper firing it, trash and restore, leave it alone too", async () => {
    const slug = "scheduled-between-saves";
    const { id } = await createStory(editor, input("First", slug));
    await scheduleStory(editor, id, new Date(Date.now() + 3_600_000));
    const second = await saveStory(editor, id, input("Second", slug), 1);
    await test.db.update(stories).set({ scheduledAt: new Date(Date.now() - 1_000) }).where(eq(stories.id, id));
    expect(await publishDueStories(test.db)).toContain(id);
    await unpublishStory(editor, id);
    await trashStory(editor, id);
    await restoreStory(editor, id);
    const third = await saveStory(editor, id, input("Third", slug), second.revision);
    expect(third.revision).toBe(3);
    expect(await numbers(id)).toEqual([1, 2, 3]);
  });

  it("a stale save names who saved and when, not who published since", async () => {
    const slug = "saver-not-publisher";
    const { id } = await createStory(writer, input("First", slug));
    await saveStory(writer, id, input("Writer's", slug), 1);
    const [saved] = await test.db.select({ at: storyRevisions.createdAt }).from(storyRevisions).where(and(eq(storyRevisions.storyId, id), eq(storyRevisions.revision, 2)));
    await publishStory(editor, id);
    const error = await saveStory(editor, id, input("Editor's", slug), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toEqual({ revision: 2, updatedBy: "Wren Writer", updatedAt: saved!.at.toISOString() });
    expect(await numbers(id)).toEqual([1, 2]);
  });

  it("restoring a revision is one save: the next number, one snapshot", async () => {
    const slug = "restore-is-a-save";
    const { id } = await createStory(editor, input("First", slug));
    await saveStory(editor, id, input("Second", slug), 1);
    await publishStory(editor, id);
    const restored = await restoreRevision(editor, id, 1, 2);
    expect(restored.revision).toBe(3);
    expect(await numbers(id)).toEqual([1, 2, 3]);
  });
});

describe("migration 0015", () => {
  const statements = () => {
    const file = fs.readFileSync(path.join(process.cwd(), "db/migrations/0015_revisions_without_gaps_and_presence.sql"), "utf8");
    return file
      .slice(file.indexOf("-- hand-written:"))
      .split("--> statement-breakpoint")
      .map((part) => part.trim())
      .filter(Boolean);
  };

  it("renumbers each story's snapshots 1..n in order, gives a story without one a snapshot, and sets the count", async () => {
    const gappy = await createStory(editor, input("Gappy", "gappy-story"));
    await saveStory(editor, gappy.id, input("Gappy two", "gappy-story"), 1);
    // As the old workflow left it: revision numbers 1, 4, 7 and the story at 9.
    await test.db.update(storyRevisions).set({ revision: 7 }).where(sql`${storyRevisions.storyId} = ${gappy.id} and ${storyRevisions.revision} = 2`);
    await test.db.insert(storyRevisions).values({ storyId: gappy.id, revision: 4, snapshot: { headline: "Middle" }, authorId: editor.id });
    await test.db.update(stories).set({ revision: 9 }).where(eq(stories.id, gappy.id));
    const bare = await createStory(editor, input("Bare", "bare-story"));
    await test.db.delete(storyRevisions).where(eq(storyRevisions.storyId, bare.id));
    await test.db.update(stories).set({ revision: 5 }).where(eq(stories.id, bare.id));

    for (const statement of statements()) await test.db.execute(sql.raw(statement));

    const gappyRows = await test.db
      .select({ revision: storyRevisions.revision, snapshot: storyRevisions.snapshot })
      .from(storyRevisions)
      .where(eq(storyRevisions.storyId, gappy.id))
      .orderBy(asc(storyRevisions.revision));
    expect(gappyRows.map((row) => [row.revision, row.snapshot.headline])).toEqual([
      [1, "Gappy"],
      [2, "Middle"],
      [3, "Gappy two"],
    ]);
    expect(await currentRevision(gappy.id)).toBe(3);
    const [bareRow] = await test.db.select({ revision: storyRevisions.revision, snapshot: storyRevisions.snapshot }).from(storyRevisions).where(eq(storyRevisions.storyId, bare.id));
    expect(bareRow).toMatchObject({ revision: 1, snapshot: { headline: "Bare", slug: "bare-story", authorIds: [authorId], tags: [], relatedIds: [] } });
    expect(await currentRevision(bare.id)).toBe(1);
    // Saving goes on from there.
    expect((await saveStory(editor, gappy.id, input("Gappy four", "gappy-story"), 3)).revision).toBe(4);
  });
});
