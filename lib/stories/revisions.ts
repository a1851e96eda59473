import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authors, media, sections, stories, storyRevisions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { NotFoundError } from "@/lib/errors";
import { saveStory } from "./commands";
import { mediaUrl } from "@/lib/media/urls";
import { relatedStoryIds, type StoryDocument } from "./document";
import { bodyBlocks, diffBody } from "./revision-diff";
import { fieldChanges, idOf, idsOf, type RevisionNames } from "./revision-fields";

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

/** The names a comparison shows instead of ids: four batched queries, however many ids. */
async function namesFor(snapshots: Snapshot[], db: Db): Promise<RevisionNames> {
  const unique = (ids: number[]) => [...new Set(ids)];
  const sectionIds = unique(snapshots.flatMap((s) => idOf(s.sectionId) ?? []));
  const authorIds = unique(snapshots.flatMap((s) => idsOf(s.authorIds)));
  const storyIds = unique(snapshots.flatMap((s) => [...idsOf(s.relatedIds), ...(s.body ? relatedStoryIds(s.body) : [])]));
  const mediaIds = unique(snapshots.flatMap((s) => idOf(s.heroMediaId) ?? []));
  const [sectionRows, authorRows, storyRows, mediaRows] = await Promise.all([
    sectionIds.length ? db.select({ id: sections.id, name: sections.name, path: sections.path }).from(sections).where(inArray(sections.id, sectionIds)) : [],
    authorIds.length ? db.select({ id: authors.id, name: authors.name }).from(authors).where(inArray(authors.id, authorIds)) : [],
    storyIds.length ? db.select({ id: stories.id, name: stories.headline }).from(stories).where(inArray(stories.id, storyIds)) : [],
    mediaIds.length
      ? db.select({ id: media.id, alt: media.alt, storageKey: media.storageKey, variants: media.variants }).from(media).where(inArray(media.id, mediaIds))
      : [],
  ]);
  return {
    sections: new Map(sectionRows.map((row) => [row.id, `${row.name} (/${row.path})`])),
    authors: new Map(authorRows.map((row) => [row.id, row.name])),
    stories: new Map(storyRows.map((row) => [row.id, row.name])),
    media: new Map(mediaRows.map((row) => [row.id, { alt: row.alt, thumb: mediaUrl(row.variants[0]?.storageKey ?? row.storageKey) }])),
  };
}

/** What changed between two revisions: each differing field, readable, and the body block by block. */
export async function compareRevisions(storyId: number, from: number, to: number, db: Db = getDb()) {
  const [a, b] = await Promise.all([snapshotOf(storyId, from, db), snapshotOf(storyId, to, db)]);
  const names = await namesFor([a, b], db);
  return { fields: fieldChanges(a, b, names), body: diffBody(bodyBlocks(a.body, names.stories), bodyBlocks(b.body, names.stories)) };
}

export type RevisionComparison = Awaited<ReturnType<typeof compareRevisions>>;

/** Makes the story what it was at `revision`, as a new save from `baseRevision`. */
export async function restoreRevision(actor: Actor, storyId: number, revision: number, baseRevision: number, db: Db = getDb()) {
  const snapshot = await snapshotOf(storyId, revision, db);
  const [current] = await db.select({ id: stories.id }).from(stories).where(eq(stories.id, storyId));
  if (!current) throw new NotFoundError("This story does not exist.");
  const saved = await saveStory(actor, storyId, snapshot, baseRevision, db);
  await recordAudit({ actorId: actor.id, action: "story.restore", targetType: "story", targetId: storyId, details: { restored: revision, revision: saved.revision }, ip: actor.ip }, db);
  return saved;
}
