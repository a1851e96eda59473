import { and, desc, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { stories, storyRevisions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { NotFoundError } from "@/lib/errors";
import { saveStory } from "./commands";
import { documentText, type StoryDocument } from "./document";

// Every save keeps a snapshot (lib/stories/commands.ts). Here: list them, compare two, and
// restore one — restoring is a new save, so it is itself a revision and can be undone.

export async function listRevisions(storyId: number, db: Db = getDb()) {
  return db
    .select({ revision: storyRevisions.revision, createdAt: storyRevisions.createdAt, authorName: users.name })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.authorId))
    .where(eq(storyRevisions.storyId, storyId))
    .orderBy(desc(storyRevisions.revision));
}

type Snapshot = Record<string, unknown> & { body?: StoryDocument };

async function snapshotOf(storyId: number, revision: number, db: Db): Promise<Snapshot> {
  const [row] = await db
    .select({ snapshot: storyRevisions.snapshot })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, storyId), eq(storyRevisions.revision, revision)));
  if (!row) throw new NotFoundError(`Revision ${revision} does not exist.`);
  return row.snapshot as Snapshot;
}

export interface LineChange {
  kind: "same" | "added" | "removed";
  text: string;
}

/** A line diff (longest common subsequence) of two texts, paragraph by paragraph. */
export function diffLines(before: string, after: string): LineChange[] {
  const a = before ? before.split("\n").filter(Boolean) : [];
  const b = after ? after.split("\n").filter(Boolean) : [];
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      changes.push({ kind: "same", text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
      changes.push({ kind: "removed", text: a[i++]! });
    } else {
      changes.push({ kind: "added", text: b[j++]! });
    }
  }
  return changes;
}

const COMPARED_FIELDS = ["headline", "deck", "slug", "sectionId", "heroAlt", "heroCaption", "heroCredit", "seoTitle", "seoDescription", "tags", "authorIds", "relatedIds"] as const;

/** What changed between two revisions: each differing field, and the body line by line. */
export async function compareRevisions(storyId: number, from: number, to: number, db: Db = getDb()) {
  const [a, b] = await Promise.all([snapshotOf(storyId, from, db), snapshotOf(storyId, to, db)]);
  const fields = COMPARED_FIELDS.flatMap((field) => {
    const before = JSON.stringify(a[field] ?? null);
    const after = JSON.stringify(b[field] ?? null);
    return before === after ? [] : [{ field, before: a[field] ?? null, after: b[field] ?? null }];
  });
  const text = (snapshot: Snapshot) => (snapshot.body ? documentText(snapshot.body).replace(/\n\n/g, "\n") : "");
  return { fields, body: diffLines(text(a), text(b)) };
}

/** Makes the story what it was at `revision`, as a new save from `baseRevision`. */
export async function restoreRevision(actor: Actor, storyId: number, revision: number, baseRevision: number, db: Db = getDb()) {
  const snapshot = await snapshotOf(storyId, revision, db);
  const [current] = await db.select({ id: stories.id }).from(stories).where(eq(stories.id, storyId));
  if (!current) throw new NotFoundError("This story does not exist.");
  const saved = await saveStory(actor, storyId, snapshot, baseRevision, db);
  await recordAudit({ actorId: actor.id, action: "story.restore", targetType: "story", targetId: storyId, details: { restored: revision, revision: saved.revision }, ip: actor.ip }, db);
  return saved;
}
