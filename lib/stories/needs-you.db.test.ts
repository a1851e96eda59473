import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { comments, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { getNeedsYou, isNothing, NEEDS_YOU_LIMIT } from "./needs-you";
import { publishStory, sendBackStory, submitForReview } from "./workflow";

// "Needs you" for each role: a writer's stories sent back to them (and nobody else's); for editors
// and admins the review queue longest waiting first, the comments awaiting a decision and the
// stories scheduled for the next 24 hours. Each test starts from an empty newsroom.

let test: TestDatabase;
let users: Record<"admin" | "editor" | "writer", CurrentUser>;
let otherWriter: CurrentUser;
let sectionId = 0;

const HOUR = 60 * 60 * 1000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
/** An empty review queue: the stories earlier tests left in review go back to draft. */
const clearQueue = () => test.db.update(stories).set({ status: "draft" }).where(eq(stories.status, "review"));

beforeAll(async () => {
  test = await createTestDatabase();
  users = await createNewsroomUsers("needs", ["admin", "editor", "writer"]);
  ({ writer: otherWriter } = await createNewsroomUsers("other", ["writer"]));
  sectionId = await createSection(test.db, "news", "News");
});

afterAll(() => test.dispose());

describe("needs you", () => {
  it("says nothing needs anyone in an empty newsroom", async () => {
    for (const user of Object.values(users)) expect(isNothing(await getNeedsYou(user)), user.role).toBe(true);
  });

  it("shows a writer their stories sent back, with the note, until they submit again", async () => {
    const mine = await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(1), createdById: users.writer.id, headline: "Mine" });
    const theirs = await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(1), createdById: otherWriter.id });
    await sendBackStory(users.editor, mine.id, "Add a photo credit.");
    await sendBackStory(users.editor, theirs.id, "Not for you.");

    const writer = await getNeedsYou(users.writer);
    expect(writer.sentBack).toMatchObject([{ id: mine.id, headline: "Mine", note: "Add a photo credit.", noteBy: users.editor.name }]);
    expect(writer).toMatchObject({ review: null, dueSoon: null, pendingComments: null });
    expect(isNothing(writer)).toBe(false);
    // The editor who sent it back is not the one it waits for.
    expect((await getNeedsYou(users.editor)).sentBack).toEqual([]);

    await submitForReview(users.writer, mine.id);
    await submitForReview(otherWriter, theirs.id);
    expect((await getNeedsYou(users.writer)).sentBack).toEqual([]);
  });

  it("leaves out a sent-back story in the trash, or one an editor published after all", async () => {
    const trashed = await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(1), createdById: users.writer.id });
    const published = await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(1), createdById: users.writer.id });
    await sendBackStory(users.editor, trashed.id, "Trash it if you like.");
    await sendBackStory(users.editor, published.id, "On second thoughts…");
    expect((await getNeedsYou(users.writer)).sentBack).toHaveLength(2);
    await test.db.update(stories).set({ trashedAt: new Date() }).where(eq(stories.id, trashed.id));
    await publishStory(users.editor, published.id);
    expect((await getNeedsYou(users.writer)).sentBack).toEqual([]);
  });

  it("shows editors and admins the review queue longest waiting first, the pending comments and the next day's schedule", async () => {
    await clearQueue();
    const newer = await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(1), createdById: users.writer.id, headline: "Newer" });
    const older = await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(30), createdById: users.writer.id, headline: "Older" });
    const soon = await createStory(test.db, { sectionId, status: "scheduled", publishedAt: null, scheduledAt: new Date(Date.now() + 2 * HOUR) });
    await createStory(test.db, { sectionId, status: "scheduled", publishedAt: null, scheduledAt: new Date(Date.now() + 48 * HOUR) });
    await createStory(test.db, { sectionId, status: "draft", publishedAt: null });
    const published = await createStory(test.db, { sectionId });
    await test.db.insert(comments).values([
      { storyId: published.id, status: "pending", authorName: "Reader", body: "A question." },
      { storyId: published.id, status: "pending", authorName: "Reader", body: "Another." },
      { storyId: published.id, status: "approved", authorName: "Reader", body: "Fine." },
    ]);

    for (const user of [users.editor, users.admin]) {
      const needs = await getNeedsYou(user);
      expect(needs.review).toEqual({
        rows: [
          { id: older.id, headline: "Older", at: expect.any(Date), by: users.writer.name },
          { id: newer.id, headline: "Newer", at: expect.any(Date), by: users.writer.name },
        ],
        more: false,
      });
      expect(needs.dueSoon?.rows.map((row) => row.id)).toEqual([soon.id]);
      expect(needs.pendingComments).toBe(2);
    }
    const writer = await getNeedsYou(users.writer);
    expect(writer).toMatchObject({ sentBack: [], review: null, dueSoon: null, pendingComments: null });
    expect(isNothing(writer)).toBe(true);
  });

  it("shows at most NEEDS_YOU_LIMIT stories in review, and says there are more", async () => {
    await clearQueue();
    for (let i = 0; i <= NEEDS_YOU_LIMIT; i += 1) {
      await createStory(test.db, { sectionId, status: "review", publishedAt: null, submittedAt: ago(100 - i), createdById: users.writer.id, headline: `Queue ${i}` });
    }
    const { review } = await getNeedsYou(users.editor);
    expect(review?.rows).toHaveLength(NEEDS_YOU_LIMIT);
    expect(review?.rows[0]?.headline).toBe("Queue 0");
    expect(review?.more).toBe(true);
  });
});
