import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import { redirects, sections, stories, users, type Story } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { canPurgeStories } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/users";
import { invalidate, invalidateStory } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { keysetPage, keysetQuery, type KeysetOrder, type KeysetPage } from "@/lib/pagination/keyset";
import { keepGoneAddresses } from "@/lib/routing/redirects";
import { lockStory, sectionPathOf } from "./commands";
import { canTrashStory, storiesVisibleTo } from "./permissions";
import { endPreviewLinks } from "./previews";
import { storyPath } from "./queries";
import { hasHadPublicAddress } from "./visibility";

// The trash: a story moved there leaves every newsroom list and picker (`notTrashed`), keeps its
// row, its revisions and its status, and can be restored for TRASH_DAYS; then the sweeper purges
// it for good. A published story is unpublished first (an editor's decision, with its 410); a
// scheduled one has its schedule cancelled as it goes. Readers never see a story in the trash:
// it is never published, so its URL answers as an unpublished story's does (410 once readers met
// it, 404 otherwise) — and after the purge, still 410 for those addresses (a `redirects` row with
// no target) until a story or section takes them again.

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When a story trashed at `trashedAt` is purged. */
export const purgeDateOf = (trashedAt: Date): Date => new Date(trashedAt.getTime() + TRASH_DAYS * DAY_MS);

async function refreshAfter(story: Pick<Story, "id" | "sectionId" | "slug">, db: Db): Promise<void> {
  const [section] = await db.select({ path: sections.path }).from(sections).where(eq(sections.id, story.sectionId));
  invalidatePathRules();
  invalidateStory(story.id, section ? [storyPath(section.path, story.slug)] : []);
}

/** Moves a story to the trash. Refused for a published story (unpublish it first); a schedule is cancelled. */
export async function trashStory(actor: Actor, id: number, db: Db = getDb()): Promise<Story> {
  const trashed = await db.transaction(async (tx) => {
    const story = await lockStory(tx, id, "allow");
    if (!canTrashStory(actor, story)) throw new ForbiddenError("You cannot move this story to the trash.");
    if (story.trashedAt) throw new ConflictError("This story is already in the trash.");
    if (story.status === "published") throw new ConflictError("Unpublish this story before moving it to the trash.");
    // A scheduled story goes back to what it was before: a draft, or pulled if readers met it.
    const unscheduled = story.status === "scheduled" ? { status: story.publishedAt ? ("unpublished" as const) : ("draft" as const), scheduledAt: null } : {};
    const [row] = await tx
      .update(stories)
      .set({ ...unscheduled, trashedAt: new Date(), trashedById: actor.id, updatedById: actor.id })
      .where(eq(stories.id, id))
      .returning();
    await endPreviewLinks(tx, id);
    await recordAudit(
      { actorId: actor.id, action: "story.trash", targetType: "story", targetId: id, details: { status: row!.status, scheduleCancelled: story.status === "scheduled", headline: story.headline }, ip: actor.ip },
      tx,
    );
    return row!;
  });
  await refreshAfter(trashed, db);
  return trashed;
}

/** Brings a story back from the trash in the state it had there (never published). */
export async function restoreStory(actor: Actor, id: number, db: Db = getDb()): Promise<Story> {
  const restored = await db.transaction(async (tx) => {
    const story = await lockStory(tx, id, "allow");
    if (!canTrashStory(actor, story)) throw new ForbiddenError("You cannot restore this story.");
    if (!story.trashedAt) throw new ConflictError("This story is not in the trash.");
    const [row] = await tx
      .update(stories)
      .set({ trashedAt: null, trashedById: null, updatedById: actor.id })
      .where(eq(stories.id, id))
      .returning();
    await recordAudit({ actorId: actor.id, action: "story.restore", targetType: "story", targetId: id, details: { status: row!.status, headline: story.headline }, ip: actor.ip }, tx);
    return row!;
  });
  await refreshAfter(restored, db);
  return restored;
}

/**
 * The addresses readers may have met a purged story at (its own and its old ones), to keep
 * answering 410; never a section's current page, which a path rule would shadow.
 */
async function goneAddresses(tx: Tx, story: Story): Promise<string[]> {
  if (!hasHadPublicAddress(story)) return [];
  const [current, old, sectionPages] = await Promise.all([
    sectionPathOf(tx, story.sectionId).then((path) => storyPath(path, story.slug)),
    tx.select({ fromPath: redirects.fromPath }).from(redirects).where(eq(redirects.storyId, story.id)),
    tx.select({ path: sections.path }).from(sections),
  ]);
  const taken = new Set(sectionPages.map((row) => `/${row.path}`));
  return [current, ...old.map((row) => row.fromPath)].filter((path) => !taken.has(path));
}

/**
 * Deletes the (locked) stories for good with everything that hangs off them — bylines, tags,
 * related links both ways, revisions, corrections, review notes, comments, preview links and redirects go with
 * the row — leaving a 410 at the addresses readers met them at, and an audit entry for each.
 */
async function purgeRows(tx: Tx, due: Story[], actor: Actor | null): Promise<void> {
  const gone = (await Promise.all(due.map((story) => goneAddresses(tx, story)))).flat();
  await tx.delete(stories).where(inArray(stories.id, due.map((story) => story.id)));
  await keepGoneAddresses(tx, gone);
  for (const story of due) {
    const details = { headline: story.headline, slug: story.slug, trashedAt: story.trashedAt?.toISOString() };
    await recordAudit({ actorId: actor?.id ?? null, action: "story.purge", targetType: "story", targetId: story.id, details, ip: actor?.ip }, tx);
  }
}

function refreshAfterPurge(ids: number[]): void {
  if (!ids.length) return;
  invalidatePathRules();
  invalidate({ tags: [cacheTags.storyLists, ...ids.map(cacheTags.story)] });
}

/**
 * Purges every story trashed TRASH_DAYS before `now`, in one transaction. Run by the sweeper;
 * several instances may: rows another one is purging are skipped.
 */
export async function purgeExpiredTrash(now = new Date(), db: Db = getDb()): Promise<number[]> {
  const cutoff = new Date(now.getTime() - TRASH_DAYS * DAY_MS);
  const purged = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(stories)
      .where(and(isNotNull(stories.trashedAt), lte(stories.trashedAt, cutoff)))
      .orderBy(asc(stories.trashedAt), asc(stories.id))
      .limit(100)
      .for("update", { skipLocked: true });
    if (due.length) await purgeRows(tx, due, null);
    return due.map((story) => story.id);
  });
  refreshAfterPurge(purged);
  return purged;
}

/** Deletes one story in the trash for good now, without waiting for the sweeper (editors and admins). */
export async function purgeStory(actor: Actor, id: number, db: Db = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const story = await lockStory(tx, id, "allow");
    if (!canPurgeStories(actor)) throw new ForbiddenError("Only editors and admins delete stories for good.");
    if (!story.trashedAt) throw new ConflictError("Only a story in the trash can be deleted for good.");
    await purgeRows(tx, [story], actor);
  });
  refreshAfterPurge([id]);
}

export interface TrashRow {
  id: number;
  headline: string;
  status: Story["status"];
  sectionName: string;
  trashedAt: Date;
  trashedByName: string | null;
  purgeAt: Date;
}

/** The trash, last trashed first, paged by keyset through stories_trashed_idx. */
const lastTrashedFirst: KeysetOrder = { table: stories, keys: [stories.trashedAt], id: stories.id, direction: "desc" };

/** One page of the trash as `viewer` may see it (a writer: their own stories), last trashed first; `before` is the last story of the previous page. */
export async function listTrash(viewer: CurrentUser, page: { before?: number; limit?: number } = {}, db: Db = getDb()): Promise<KeysetPage<TrashRow>> {
  const limit = page.limit ?? 50;
  const keyset = keysetQuery(lastTrashedFirst, { cursor: page.before, limit });
  const trashedBy = alias(users, "trashed_by");
  const rows = await db
    .select({
      id: stories.id,
      headline: stories.headline,
      status: stories.status,
      sectionName: sections.name,
      trashedAt: stories.trashedAt,
      trashedByName: trashedBy.name,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(trashedBy, eq(trashedBy.id, stories.trashedById))
    .where(and(isNotNull(stories.trashedAt), storiesVisibleTo(viewer), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  return keysetPage(
    rows.map((row) => ({ ...row, trashedAt: row.trashedAt!, purgeAt: purgeDateOf(row.trashedAt!) })),
    limit,
  );
}
