import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { auditLog, comments } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  countPendingComments,
  listCommentsForModeration,
  moderateComments,
  PENDING_BADGE_MAX,
  updateCommentSettings,
  type CommentStatus,
  type ModerationAction,
} from "./moderation";
import { getCommentSettings } from "./settings";

// Moderation: every transition, bulk runs, who may moderate, what a writer sees, the queue's
// order and filters, and the audit trail. Cache invalidation is observed through a spy.

const spies = vi.hoisted(() => ({ invalidateStory: vi.fn(), invalidate: vi.fn() }));
vi.mock("@/lib/cache/invalidate", () => spies);

let test: TestDatabase;
let sectionId: number;
const users = {} as Record<"admin" | "editor" | "writer" | "otherWriter", CurrentUser>;

async function person(key: keyof typeof users, role: CurrentUser["role"]) {
  const user = await createUser({ email: `${key}@moderation.test`, name: key, role, password: "a-long-test-password" });
  users[key] = { id: user.id, email: user.email, name: user.name, role };
}

const story = async (createdById: number, headline = "A story") =>
  (await createStory(test.db, { sectionId, headline, createdById })).id;

async function comment(storyId: number, status: CommentStatus = "pending", minutesAgo = 0): Promise<number> {
  const [row] = await test.db
    .insert(comments)
    .values({
      storyId,
      status,
      authorName: `Reader ${Math.random().toString(36).slice(2, 6)}`,
      body: "A thought.",
      approvedAt: status === "approved" ? new Date() : null,
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    })
    .returning({ id: comments.id });
  return row!.id;
}

const statusOf = async (id: number) => (await test.db.select().from(comments).where(eq(comments.id, id)))[0]!;
const auditOf = (id: number) =>
  test.db.select().from(auditLog).where(and(eq(auditLog.targetType, "comment"), eq(auditLog.targetId, String(id))));

beforeAll(async () => {
  test = await createTestDatabase();
  sectionId = await createSection(test.db, "news", "News");
  await person("admin", "admin");
  await person("editor", "editor");
  await person("writer", "writer");
  await person("otherWriter", "writer");
});

afterAll(async () => {
  await test.dispose();
});

beforeEach(() => {
  spies.invalidateStory.mockClear();
  spies.invalidate.mockClear();
});

describe("moderateComments: transitions", () => {
  const cases: [ModerationAction, CommentStatus, CommentStatus][] = [
    ["approve", "pending", "approved"],
    ["approve", "spam", "approved"],
    ["approve", "removed", "approved"],
    ["approve", "approved", "approved"],
    ["spam", "pending", "spam"],
    ["spam", "approved", "spam"],
    ["spam", "removed", "spam"],
    ["remove", "pending", "removed"],
    ["remove", "approved", "removed"],
    ["remove", "spam", "removed"],
    ["restore", "spam", "pending"],
    ["restore", "removed", "pending"],
    ["restore", "pending", "pending"],
    ["restore", "approved", "approved"],
  ];
  for (const [action, from, to] of cases) {
    it(`${action}: ${from} → ${to}`, async () => {
      const storyId = await story(users.editor.id);
      const id = await comment(storyId, from);
      const result = await moderateComments({ ...users.editor, ip: "203.0.113.9" }, [id], action);
      const row = await statusOf(id);
      expect(row.status).toBe(to);
      expect(row.approvedAt !== null).toBe(to === "approved");
      const changed = from !== to;
      expect(result).toEqual({ changed: changed ? 1 : 0, unchanged: changed ? 0 : 1 });
      const audit = await auditOf(id);
      expect(audit).toHaveLength(changed ? 1 : 0);
      if (changed) {
        expect(audit[0]).toMatchObject({ action: `comment.${action}`, actorId: users.editor.id, ip: "203.0.113.9", details: { storyId, from, to } });
      }
      // Readers' pages change only when an approved comment appears or disappears.
      expect(spies.invalidateStory).toHaveBeenCalledTimes(changed && (from === "approved" || to === "approved") ? 1 : 0);
    });
  }
});

describe("moderateComments: bulk, permissions and bad input", () => {
  it("approves many comments on several stories in one go, auditing each and refreshing each story", async () => {
    const first = await story(users.editor.id);
    const second = await story(users.editor.id);
    const ids = [await comment(first), await comment(first), await comment(second), await comment(second, "approved")];
    const result = await moderateComments(users.admin, [...ids, ids[0]!], "approve");
    expect(result).toEqual({ changed: 3, unchanged: 1 });
    const rows = await test.db.select().from(comments).where(inArray(comments.id, ids));
    expect(rows.every((row) => row.status === "approved")).toBe(true);
    const audit = await test.db.select().from(auditLog).where(inArray(auditLog.targetId, ids.map(String)));
    expect(audit.map((entry) => entry.action)).toEqual(["comment.approve", "comment.approve", "comment.approve"]);
    expect(spies.invalidateStory.mock.calls.map(([id]) => id).sort()).toEqual([first, second].sort());
    expect(spies.invalidateStory.mock.calls[0]![1]).toEqual([expect.stringMatching(/^\/news\/story-/)]);
  });

  it("refuses writers, even on their own stories, and changes nothing", async () => {
    const id = await comment(await story(users.writer.id));
    await expect(moderateComments(users.writer, [id], "approve")).rejects.toThrow(ForbiddenError);
    expect((await statusOf(id)).status).toBe("pending");
    expect(await auditOf(id)).toHaveLength(0);
  });

  const badIds: [string, number[]][] = [
    ["no ids", []],
    ["more than 100", Array.from({ length: 101 }, (_, i) => i + 1)],
    ["zero", [0]],
    ["negative", [-3]],
    ["fraction", [1.5]],
    ["not a number", [Number.NaN]],
  ];
  for (const [name, ids] of badIds) {
    it(`refuses ${name} with a ValidationError on ids`, async () => {
      const error = await moderateComments(users.editor, ids, "approve").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toEqual(["ids"]);
    });
  }

  it("refuses an unknown action", async () => {
    await expect(moderateComments(users.editor, [1], "delete" as ModerationAction)).rejects.toThrow(ValidationError);
  });

  it("changes nothing when one of the comments no longer exists", async () => {
    const id = await comment(await story(users.editor.id));
    await expect(moderateComments(users.editor, [id, 99_999_999], "spam")).rejects.toThrow(NotFoundError);
    expect((await statusOf(id)).status).toBe("pending");
    expect(await auditOf(id)).toHaveLength(0);
  });
});

describe("listCommentsForModeration and countPendingComments", () => {
  it("lists pending comments first, then newest first, with the story's headline and path", async () => {
    const storyId = await story(users.editor.id, "Harbor wall approved");
    const oldPending = await comment(storyId, "pending", 60);
    const newApproved = await comment(storyId, "approved", 1);
    const newPending = await comment(storyId, "pending", 5);
    const oldSpam = await comment(storyId, "spam", 90);
    const { rows, nextCursor } = await listCommentsForModeration(users.editor, { storyId });
    expect(rows.map((row) => row.id)).toEqual([newPending, oldPending, newApproved, oldSpam]);
    expect(nextCursor).toBeNull();
    expect(rows[0]).toMatchObject({ storyHeadline: "Harbor wall approved", storyPath: expect.stringMatching(/^\/news\/story-/) });
  });

  it("pages with `before` through the same order, without gaps or repeats", async () => {
    const storyId = await story(users.editor.id);
    for (const [status, minutes] of [["pending", 3], ["approved", 1], ["pending", 9], ["removed", 2], ["spam", 7]] as const) {
      await comment(storyId, status, minutes);
    }
    const all = (await listCommentsForModeration(users.editor, { storyId })).rows.map((row) => row.id);
    const seen: number[] = [];
    let before: number | undefined;
    do {
      const page = await listCommentsForModeration(users.editor, { storyId, before, limit: 2 });
      seen.push(...page.rows.map((row) => row.id));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toEqual(all);
  });

  const statusFilters: CommentStatus[] = ["pending", "approved", "spam", "removed"];
  for (const status of statusFilters) {
    it(`filters by status ${status}`, async () => {
      const storyId = await story(users.editor.id);
      for (const each of statusFilters) await comment(storyId, each);
      const { rows } = await listCommentsForModeration(users.admin, { storyId, status });
      expect(rows.map((row) => row.status)).toEqual([status]);
    });
  }

  it("shows a writer only the comments on stories they created, and counts only those", async () => {
    const own = await story(users.otherWriter.id);
    const others = await story(users.editor.id);
    const mine = [await comment(own), await comment(own, "approved")];
    await comment(others);
    const { rows } = await listCommentsForModeration(users.otherWriter);
    expect(rows.map((row) => row.id).sort()).toEqual(mine.sort());
    expect((await listCommentsForModeration(users.otherWriter, { storyId: others })).rows).toEqual([]);
    expect(await countPendingComments(users.otherWriter)).toBe(1);
  });

  it("counts every pending comment for editors and admins", async () => {
    const before = await countPendingComments(users.editor);
    await comment(await story(users.writer.id));
    await comment(await story(users.editor.id), "spam");
    expect(await countPendingComments(users.editor)).toBe(before + 1);
    expect(await countPendingComments(users.admin)).toBe(before + 1);
  });

  it("counts at most PENDING_BADGE_MAX, however long the backlog", async () => {
    const storyId = await story(users.editor.id);
    const backlog = Array.from({ length: PENDING_BADGE_MAX + 5 }, (_, i) => ({ storyId, status: "pending" as const, authorName: `Reader ${i}`, body: "A thought." }));
    await test.db.insert(comments).values(backlog);
    expect(await countPendingComments(users.editor)).toBe(PENDING_BADGE_MAX);
  });
});

describe("updateCommentSettings", () => {
  it("saves, audits what changed, and refreshes recent articles when the closing period changes", async () => {
    const recent = await story(users.editor.id);
    const next = { premoderation: "everyone" as const, closeAfterDays: 30, blockedWords: ["casino", "cheap pills"] };
    await updateCommentSettings({ ...users.editor, ip: "198.51.100.4" }, next);
    expect(await getCommentSettings()).toEqual(next);
    const [entry] = await test.db.select().from(auditLog).where(eq(auditLog.action, "comments.settings"));
    expect(entry).toMatchObject({
      actorId: users.editor.id,
      details: { premoderation: { from: "first-time", to: "everyone" }, closeAfterDays: { from: 14, to: 30 }, blockedWords: { added: ["casino", "cheap pills"], removed: [] } },
    });
    expect(spies.invalidate.mock.calls[0]![0].tags).toContain(`story:${recent}`);
  });

  it("refuses writers", async () => {
    await expect(updateCommentSettings(users.writer, { premoderation: "none", closeAfterDays: 14, blockedWords: [] })).rejects.toThrow(ForbiddenError);
    expect((await getCommentSettings()).premoderation).not.toBe("none");
  });
});
