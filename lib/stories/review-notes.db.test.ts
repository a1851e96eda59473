import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { auditLog, stories, storyNotes } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/users";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import * as route from "@/app/api/admin/stories/[id]/[action]/route";
import { createStory } from "./commands";
import { REVIEW_NOTE_MAX } from "./review-note-text";
import { listOpenNotes } from "./review-notes";
import { publishStory, sendBackStory, submitForReview } from "./workflow";

// Sending a story in review back to its writer with a note: only editors and admins, only from
// review, never without a note; the status, the note and the audit entry in one transaction; and
// submitting the story again answers the note.

let test: TestDatabase;
let users: Record<"admin" | "editor" | "writer", CurrentUser>;
let sectionId = 0;
let authorId = 0;
let count = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  users = await createNewsroomUsers("review", ["admin", "editor", "writer"]);
  sectionId = await createSection(test.db, "news", "News");
  authorId = await createAuthor(test.db, "Review Author");
});

afterAll(() => test.dispose());

/** A writer's story, submitted for review. */
async function inReview() {
  const { id } = await createStory(users.writer, { headline: `Waiting for an editor ${++count}`, sectionId, authorIds: [authorId], body: documentOf("Text.") });
  await submitForReview(users.writer, id);
  return id;
}

const rowOf = async (id: number) => (await test.db.select().from(stories).where(eq(stories.id, id)))[0]!;
const notesOf = (id: number) => test.db.select().from(storyNotes).where(eq(storyNotes.storyId, id));
const auditOf = (id: number) => test.db.select().from(auditLog).where(and(eq(auditLog.action, "story.send_back"), eq(auditLog.targetId, String(id))));

describe("sending a story back", () => {
  it("returns it to draft with the note, who wrote it and an audit entry", async () => {
    const id = await inReview();
    const story = await sendBackStory(users.editor, id, "  Add the council's answer.  ");
    expect(story.status).toBe("draft");
    expect((await rowOf(id)).submittedAt).toBeNull();
    expect(await notesOf(id)).toMatchObject([{ body: "Add the council's answer.", authorId: users.editor.id, resolvedAt: null }]);
    expect(await auditOf(id)).toMatchObject([{ actorId: users.editor.id, details: { from: "review", to: "draft" } }]);
    expect(await listOpenNotes(id)).toMatchObject([{ body: "Add the council's answer.", authorName: users.editor.name }]);
  });

  it.each([
    ["no note", undefined],
    ["an empty note", "   "],
    ["a note that is not text", 42],
    ["a note over the limit", "x".repeat(REVIEW_NOTE_MAX + 1)],
    ["a NUL character", "Fix\u0000this"],
  ])("refuses %s, changing nothing", async (_case, note) => {
    const id = await inReview();
    await expect(sendBackStory(users.editor, id, note)).rejects.toBeInstanceOf(ValidationError);
    expect((await rowOf(id)).status).toBe("review");
    expect(await notesOf(id)).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it("takes a note of exactly the limit, and admins send back too", async () => {
    const id = await inReview();
    await sendBackStory(users.admin, id, "y".repeat(REVIEW_NOTE_MAX));
    expect((await notesOf(id))[0]!.body).toHaveLength(REVIEW_NOTE_MAX);
  });

  it("refuses writers, and stories not in review", async () => {
    const id = await inReview();
    await expect(sendBackStory(users.writer, id, "My own note")).rejects.toBeInstanceOf(ForbiddenError);
    await sendBackStory(users.editor, id, "Once.");
    await expect(sendBackStory(users.editor, id, "Twice.")).rejects.toBeInstanceOf(ConflictError);
    await submitForReview(users.writer, id);
    await publishStory(users.editor, id);
    await expect(sendBackStory(users.editor, id, "Too late.")).rejects.toBeInstanceOf(ConflictError);
    expect(await notesOf(id)).toHaveLength(1);
  });

  it("is answered when the writer submits the story again", async () => {
    const id = await inReview();
    await sendBackStory(users.editor, id, "Shorten the second half.");
    const before = Date.now();
    await submitForReview(users.writer, id);
    const [note] = await notesOf(id);
    expect(note!.resolvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await listOpenNotes(id)).toEqual([]);
    const story = await rowOf(id);
    expect(story.status).toBe("review");
    expect(story.submittedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe("POST /api/admin/stories/:id/send-back", () => {
  const tokens = new Map<number, string>();
  const tokenOf = async (who: CurrentUser) => {
    if (!tokens.has(who.id)) tokens.set(who.id, (await createApiToken(who, { name: "send-back", expiresInDays: 30 })).token);
    return tokens.get(who.id)!;
  };
  const send = async (who: CurrentUser, id: number, body: unknown, type = "application/json") => {
    const token = await tokenOf(who);
    const request = new NextRequest(`http://localhost/api/admin/stories/${id}/send-back`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return route.POST(request, { params: Promise.resolve({ id: String(id), action: "send-back" }) });
  };

  it("sends the story back and answers with its new status", async () => {
    const id = await inReview();
    const response = await send(users.editor, id, { note: "Check the figures in the third paragraph." });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: "draft" });
  });

  it("answers 422 with the field, 403 to a writer and 409 out of review, storing nothing", async () => {
    const id = await inReview();
    const empty = await send(users.editor, id, { note: "" });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(await empty.json())).toContain("Write a note");
    expect((await send(users.editor, id, {})).status).toBe(422);
    expect((await send(users.editor, id, "not json")).status).toBe(400);
    expect((await send(users.writer, id, { note: "Mine." })).status).toBe(403);
    expect(await notesOf(id)).toEqual([]);
    await sendBackStory(users.editor, id, "First.");
    expect((await send(users.editor, id, { note: "Again." })).status).toBe(409);
    expect((await send(users.editor, 999_999, { note: "Nobody." })).status).toBe(404);
    expect(await notesOf(id)).toHaveLength(1);
  });
});
