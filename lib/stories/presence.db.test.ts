import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { storyPresence } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/users";
import { NotFoundError } from "@/lib/errors";
import { createStory } from "./commands";
import { beatPresence, leavePresence, othersPresent, PRESENCE_FRESH_SECONDS } from "./presence";
import { trashStory } from "./trash";
import * as route from "@/app/api/admin/stories/[id]/presence/route";

// Who else has a story open: heartbeats in the database, so every app instance sees them; a stale
// one does not count; leaving removes one's own; only people who may open the story take part.

let test: TestDatabase;
let people: Record<"writer" | "editor" | "admin", CurrentUser>;
let otherWriter: CurrentUser;
let sectionId = 0;
let authorId = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  people = await createNewsroomUsers("presence", ["writer", "editor", "admin"]);
  ({ writer: otherWriter } = await createNewsroomUsers("other", ["writer"]));
  sectionId = await createSection(test.db, "news", "News");
  authorId = await createAuthor(test.db, "Presence Author");
});

afterAll(async () => {
  await test.dispose();
});

let drafts = 0;
const draft = async (by: CurrentUser) => (await createStory(by, { headline: `Open in two places ${++drafts}`, sectionId, authorIds: [authorId], body: documentOf("Text.") })).id;

describe("presence", () => {
  it("shows each person the others with the story open, not themselves, and forgets those who left", async () => {
    const id = await draft(people.writer);
    expect(await beatPresence(people.writer, id)).toEqual([]);
    expect(await beatPresence(people.editor, id)).toEqual([{ name: "presence writer" }]);
    expect(await beatPresence(people.admin, id)).toEqual([{ name: "presence editor" }, { name: "presence writer" }]);
    // A second beat is the same row, later.
    await beatPresence(people.editor, id);
    expect(await test.db.$count(storyPresence, eq(storyPresence.storyId, id))).toBe(3);
    await leavePresence(people.admin, id);
    expect(await othersPresent(people.writer, id)).toEqual([{ name: "presence editor" }]);
  });

  it("does not count a heartbeat older than the freshness window", async () => {
    const id = await draft(people.writer);
    await beatPresence(people.editor, id);
    await test.db
      .update(storyPresence)
      .set({ seenAt: sql`now() - make_interval(secs => ${PRESENCE_FRESH_SECONDS + 1})` })
      .where(and(eq(storyPresence.storyId, id), eq(storyPresence.userId, people.editor.id)));
    expect(await othersPresent(people.writer, id)).toEqual([]);
  });

  it("refuses (404) someone who may not open the story, and a story in the trash", async () => {
    const id = await draft(people.writer);
    await expect(beatPresence(otherWriter, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(othersPresent(otherWriter, id)).rejects.toBeInstanceOf(NotFoundError);
    await trashStory(people.writer, id);
    await expect(beatPresence(people.editor, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(beatPresence(people.editor, 2 ** 30)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("/api/admin/stories/:id/presence", () => {
  const call = async (user: CurrentUser, method: string, id: number | string, query = "") => {
    const { token } = await createApiToken(user, { name: `presence ${method}`, expiresInDays: 30 });
    const request = new NextRequest(`http://localhost/api/admin/stories/${id}/presence${query}`, { method, headers: { authorization: `Bearer ${token}` } });
    const handler = { GET: route.GET, POST: route.POST, DELETE: route.DELETE, PUT: route.PUT }[method]!;
    return handler(request, { params: Promise.resolve({ id: String(id) }) });
  };

  it("beats with POST, reads with GET, leaves with DELETE or POST ?leave", async () => {
    const id = await draft(people.editor);
    expect(await (await call(people.editor, "POST", id)).json()).toEqual({ others: [] });
    const beat = await call(people.admin, "POST", id);
    expect(beat.status).toBe(200);
    expect(await beat.json()).toEqual({ others: [{ name: "presence editor" }] });
    expect(await (await call(people.editor, "GET", id)).json()).toEqual({ others: [{ name: "presence admin" }] });
    expect((await call(people.admin, "POST", id, "?leave")).status).toBe(204);
    expect(await (await call(people.editor, "GET", id)).json()).toEqual({ others: [] });
    await call(people.admin, "POST", id);
    expect((await call(people.admin, "DELETE", id)).status).toBe(204);
    expect(await (await call(people.editor, "GET", id)).json()).toEqual({ others: [] });
  });

  it("answers 404 for a story one may not open or a bad id, and 405 for other methods", async () => {
    const id = await draft(people.writer);
    expect((await call(otherWriter, "POST", id)).status).toBe(404);
    expect((await call(otherWriter, "GET", id)).status).toBe(404);
    expect((await call(people.editor, "GET", "abc")).status).toBe(404);
    expect((await call(people.editor, "PUT", id)).status).toBe(405);
  });
});
