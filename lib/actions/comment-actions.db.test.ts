import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { auditLog, comments } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { CurrentUser, Role } from "@/lib/auth/users";
import { getCommentSettings } from "@/lib/comments/settings";
import { createNewsroomUsers, expectedOutcomes, form, outcomesByRole, type MatrixRole } from "./testing";
import * as queue from "@/app/editor/(newsroom)/comments/actions";
import { signInAs } from "@/lib/testing/signed-in";

// The role × action matrix for the comment queue's server actions, called the way the queue's
// forms call them (several `ids` entries, row buttons sending "approve:12"), and their answers
// to bad input: a message, never an exception.

let test: TestDatabase;
let users: Record<Role, CurrentUser>;
let storyId = 0;

async function comment(status: "pending" | "approved" | "spam" | "removed" = "pending"): Promise<number> {
  const [row] = await test.db.insert(comments).values({ storyId, status, authorName: "Reader", body: "A thought." }).returning({ id: comments.id });
  return row!.id;
}

const statuses = async (ids: number[]) =>
  (await test.db.select({ id: comments.id, status: comments.status }).from(comments).where(inArray(comments.id, ids)).orderBy(comments.id)).map(
    (row) => row.status,
  );

beforeAll(async () => {
  test = await createTestDatabase();
  users = await createNewsroomUsers("comments", ["admin", "editor", "writer"]);
  const sectionId = await createSection(test.db, "news", "News");
  // The writer's own story: even there, writers may not moderate.
  storyId = (await createStory(test.db, { sectionId, createdById: users.writer.id })).id;
});

afterAll(async () => {
  await test.dispose();
});

const actions: Record<string, { call: () => Promise<{ error?: string }>; allowed: MatrixRole[] }> = {
  "queue: approve the ticked comments": {
    call: async () => queue.moderateCommentsAction({}, form([["ids", await comment()], ["ids", await comment()], ["action", "approve"]])),
    allowed: ["editor", "admin"],
  },
  "queue: a row's own button": {
    call: async () => queue.moderateCommentsAction({}, form([["action", `spam:${await comment()}`]])),
    allowed: ["editor", "admin"],
  },
  "settings: save": {
    call: () => queue.saveCommentSettingsAction({}, form([["premoderation", "first-time"], ["closeAfterDays", "14"], ["blockedWords", ""]])),
    allowed: ["editor", "admin"],
  },
};

const REFUSED = /do not have permission|session has ended/i;

describe("comment queue server actions", () => {
  for (const [name, { call, allowed }] of Object.entries(actions)) {
    it(`${name}: only ${allowed.join(", ")}`, async () => {
      const outcome = await outcomesByRole(async (role) => {
        signInAs(role === "anonymous" ? null : users[role]);
        const result = await call();
        expect(result.error ?? "", `${role}: ${result.error}`).toMatch(/^$|do not have permission|session has ended/i);
        return result;
      }, REFUSED);
      expect(outcome).toEqual(expectedOutcomes(allowed));
    });
  }

  it("applies a bulk decision to every ticked comment, and a row button to its comment only", async () => {
    signInAs(users.editor);
    const ticked = [await comment(), await comment("approved"), await comment("spam")];
    const bystander = await comment();
    const result = await queue.moderateCommentsAction({}, form([...ticked.map((id) => ["ids", id] as [string, number]), ["action", "remove"]]));
    expect(result).toEqual({ ok: "3 comments removed." });
    expect(await statuses([...ticked, bystander])).toEqual(["removed", "removed", "removed", "pending"]);

    // The row button wins over whatever else is ticked.
    const row = await queue.moderateCommentsAction({}, form([["ids", bystander], ["action", `restore:${ticked[0]}`]]));
    expect(row).toEqual({ ok: "1 comment put back in the queue." });
    expect(await statuses([ticked[0]!, bystander])).toEqual(["pending", "pending"]);
    const audit = await test.db.select().from(auditLog).where(eq(auditLog.targetId, String(ticked[0])));
    expect(audit.map((entry) => entry.action)).toEqual(["comment.remove", "comment.restore"]);
  });

  it("says what was left alone", async () => {
    signInAs(users.admin);
    const result = await queue.moderateCommentsAction({}, form([["ids", await comment("approved")], ["ids", await comment()], ["action", "approve"]]));
    expect(result).toEqual({ ok: "1 comment approved. 1 comment left unchanged." });
  });

  const badQueueInput: [string, [string, string | number][], RegExp][] = [
    ["nothing ticked", [["action", "approve"]], /select at least one/i],
    ["no decision", [["ids", 1]], /choose approve, spam, remove or restore/i],
    ["an unknown decision", [["ids", 1], ["action", "delete"]], /choose approve/i],
    ["an id that is not a number", [["ids", "abc"], ["action", "approve"]], /not comment numbers/i],
    ["a row button with a bad id", [["action", "approve:x"]], /not comment numbers/i],
    ["too many ids", [...Array.from({ length: 101 }, (_, i) => ["ids", i + 1] as [string, number]), ["action", "spam"]], /at most 100/i],
    ["a comment that no longer exists", [["ids", 99_999_999], ["action", "spam"]], /no longer exist/i],
  ];
  for (const [name, fields, message] of badQueueInput) {
    it(`answers ${name} with a message`, async () => {
      signInAs(users.editor);
      const result = await queue.moderateCommentsAction({}, form(fields));
      expect(result.ok).toBeUndefined();
      expect(result.error).toMatch(message);
    });
  }

  const badSettings: [string, Record<string, string>, string[]][] = [
    ["everything wrong", { premoderation: "sometimes", closeAfterDays: "soon", blockedWords: "x".repeat(101) }, ["blockedWords", "closeAfterDays", "premoderation"]],
    ["no days", { premoderation: "none", closeAfterDays: "" }, ["closeAfterDays"]],
    ["zero days", { premoderation: "none", closeAfterDays: "0" }, ["closeAfterDays"]],
    ["too many days", { premoderation: "none", closeAfterDays: "3651" }, ["closeAfterDays"]],
    ["a fraction of a day", { premoderation: "none", closeAfterDays: "1.5" }, ["closeAfterDays"]],
    ["too many words", { premoderation: "none", closeAfterDays: "7", blockedWords: Array.from({ length: 501 }, (_, i) => `w${i}`).join("\n") }, ["blockedWords"]],
  ];
  for (const [name, fields, invalid] of badSettings) {
    it(`settings: answers ${name} with a message per field, saving nothing`, async () => {
      signInAs(users.editor);
      const before = await getCommentSettings();
      const result = await queue.saveCommentSettingsAction({}, form(fields));
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(invalid);
      expect(await getCommentSettings()).toEqual(before);
    });
  }

  it("settings: saves a tidy blocked-words list and audits the change", async () => {
    signInAs(users.admin);
    const result = await queue.saveCommentSettingsAction(
      {},
      form([["premoderation", "everyone"], ["closeAfterDays", " 21 "], ["blockedWords", "Casino\r\n\n  cheap pills \ncasino\n"]]),
    );
    expect(result).toEqual({ ok: "Comment settings saved." });
    expect(await getCommentSettings()).toEqual({ premoderation: "everyone", closeAfterDays: 21, blockedWords: ["casino", "cheap pills"] });
    const entries = await test.db.select().from(auditLog).where(eq(auditLog.action, "comments.settings"));
    expect(entries.at(-1)).toMatchObject({ actorId: users.admin.id, ip: "127.0.0.1" });
  });
});
