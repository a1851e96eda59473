import { and, count, desc, eq, gt, inArray, max, sql, type SQL } from "drizzle-orm";
import { cache } from "react";
import { canModerate } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db";
import { comments, pendingFirst, sections, stories, type Comment } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/users";
import { invalidate, invalidateStory } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { keysetPage, keysetQuery, type KeysetOrder } from "@/lib/pagination/keyset";
import { storyPath } from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";
import { getCommentSettings, saveCommentSettings, type CommentSettings } from "./settings";
import { idSchema } from "@/lib/validation/ids";

// The newsroom's side of comments: the moderation queue, the pending count for the navigation,
// the moderation commands and the moderation settings. Editors and admins moderate; writers
// only read the comments on stories they created.

export type CommentStatus = Comment["status"];
export const commentStatuses = comments.status.enumValues;
export const moderationActions = ["approve", "spam", "remove", "restore"] as const;
export type ModerationAction = (typeof moderationActions)[number];
export const MAX_BULK = 100;

const targetOf: Record<ModerationAction, CommentStatus> = { approve: "approved", spam: "spam", remove: "removed", restore: "pending" };
/** Restoring undoes a spam mark or a removal; the other actions apply from any status. */
const appliesTo: Record<ModerationAction, CommentStatus[]> = {
  approve: ["pending", "spam", "removed"],
  spam: ["pending", "approved", "removed"],
  remove: ["pending", "approved", "spam"],
  restore: ["spam", "removed"],
};

function requireModerator(user: CurrentUser): void {
  if (!canModerate(user)) throw new ForbiddenError("Only editors and admins can moderate comments.");
}

/**
 * Writers see the comments on the stories they created; editors and admins see all. A condition
 * on `comments`: the writer's story ids are read first (stories_created_by_idx) and their
 * comments then found by story (comments_story_idx), never by reading every comment.
 */
function visibleTo(viewer: CurrentUser, db: Db): SQL | undefined {
  if (canModerate(viewer)) return undefined;
  const own = db.select({ id: stories.id }).from(stories).where(eq(stories.createdById, viewer.id));
  return sql`${comments.storyId} = any(array(${own}))`;
}

/** The queue's order: pending first, then newest first (comments_queue_idx). */
const queueOrder: KeysetOrder = { table: comments, keys: [pendingFirst(comments.status), comments.createdAt], id: comments.id, direction: "desc" };
/** The same order within one status, where the rank is the same for all (comments_status_idx). */
const newestFirst: KeysetOrder = { table: comments, keys: [comments.createdAt], id: comments.id, direction: "desc" };

export interface ModerationFilters {
  status?: CommentStatus;
  storyId?: number;
  /** Id of the last comment of the previous page. */
  before?: number;
  limit?: number;
}

export interface ModerationRow {
  id: number;
  storyId: number;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  body: string;
  createdAt: Date;
  approvedAt: Date | null;
  storyHeadline: string;
  storyPath: string;
}

/** The queue: pending comments first, then newest first; keyset pages of `limit`. */
export async function listCommentsForModeration(viewer: CurrentUser, filters: ModerationFilters = {}, db: Db = getDb()) {
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 100);
  const conditions: (SQL | undefined)[] = [visibleTo(viewer, db)];
  if (filters.status) conditions.push(eq(comments.status, filters.status));
  if (filters.storyId) conditions.push(eq(comments.storyId, filters.storyId));
  const keyset = keysetQuery(filters.status ? newestFirst : queueOrder, { cursor: filters.before, limit });
  conditions.push(keyset.where);
  const rows = await db
    .select({
      id: comments.id,
      storyId: comments.storyId,
      parentId: comments.parentId,
      status: comments.status,
      authorName: comments.authorName,
      body: comments.body,
      createdAt: comments.createdAt,
      approvedAt: comments.approvedAt,
      storyHeadline: stories.headline,
      storySlug: stories.slug,
      sectionPath: sections.path,
    })
    .from(comments)
    .innerJoin(stories, eq(stories.id, comments.storyId))
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(...conditions))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  const { items, nextCursor } = keysetPage(rows, limit);
  const page: ModerationRow[] = items.map(({ storySlug, sectionPath, ...row }) => ({
    ...row,
    storyPath: storyPath(sectionPath, storySlug),
  }));
  return { rows: page, nextCursor };
}

/** How many of the newest comments the story filter looks through (editors). */
const RECENT_COMMENTS = 2_000;

/**
 * Stories with comments the viewer may see, most recently commented first: the story filter.
 * Editors get the stories of the newest comments (a walk of comments_created_idx, not every
 * comment ever written); a writer's few stories are read whole.
 */
export async function listCommentedStories(viewer: CurrentUser, db: Db = getDb()) {
  const mine = visibleTo(viewer, db);
  const newest = db
    .select({ storyId: comments.storyId, createdAt: comments.createdAt })
    .from(comments)
    .where(mine)
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .$dynamic();
  const recent = (mine ? newest : newest.limit(RECENT_COMMENTS)).as("recent");
  const latest = db
    .select({ storyId: recent.storyId, last: max(recent.createdAt).as("last") })
    .from(recent)
    .groupBy(recent.storyId)
    .orderBy(desc(max(recent.createdAt)))
    .limit(200)
    .as("latest");
  return db
    .select({ id: stories.id, headline: stories.headline })
    .from(latest)
    .innerJoin(stories, eq(stories.id, latest.storyId))
    .orderBy(desc(latest.last));
}

/** The most the badge counts; beyond it, it says "99+". */
export const PENDING_BADGE_MAX = 100;

/**
 * The badge in the navigation: comments awaiting a decision that the viewer may see, counted up
 * to PENDING_BADGE_MAX. It is on every newsroom page: counting every pending comment of a large
 * archive cost ~10 ms a page at 100,000 stories, and grew with the backlog. Read once per request
 * (React `cache`): the layout's badge and the dashboard's "Needs you" show the same count.
 */
export function countPendingComments(viewer: CurrentUser, db: Db = getDb()): Promise<number> {
  return pendingCommentsOnce(viewer, db);
}

const pendingCommentsOnce = cache(async (viewer: CurrentUser, db: Db): Promise<number> => {
  const pending = db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.status, "pending"), visibleTo(viewer, db)))
    // The order comments_status_idx holds: without it the planner bets on a scan of every comment.
    .orderBy(comments.createdAt, comments.id)
    .limit(PENDING_BADGE_MAX)
    .as("pending");
  const [row] = await db.select({ n: count() }).from(pending);
  return row?.n ?? 0;
});

export interface ModerationResult {
  /** Comments whose status changed. */
  changed: number;
  /** Comments left as they were: already there, or not restorable. */
  unchanged: number;
}

export async function moderateComments(
  actor: Actor,
  ids: number[],
  action: ModerationAction,
  db: Db = getDb(),
): Promise<ModerationResult> {
  requireModerator(actor);
  if (!moderationActions.includes(action)) throw new ValidationError({ action: "Choose approve, spam, remove or restore" });
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new ValidationError({ ids: "Select at least one comment" });
  if (unique.length > MAX_BULK) throw new ValidationError({ ids: `Select at most ${MAX_BULK} comments at a time` });
  if (unique.some((id) => !idSchema.safeParse(id).success)) throw new ValidationError({ ids: "Those are not comment numbers" });

  const to = targetOf[action];
  const moved = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: comments.id, storyId: comments.storyId, status: comments.status })
      .from(comments)
      .where(inArray(comments.id, unique))
      .orderBy(comments.id)
      .for("update");
    if (rows.length !== unique.length) throw new NotFoundError("Some of these comments no longer exist. Reload the list.");
    const movable = rows.filter((row) => row.status !== to && appliesTo[action].includes(row.status));
    if (movable.length === 0) return [];
    // approvedAt is kept only while a comment is approved: "published since".
    await tx
      .update(comments)
      .set({ status: to, approvedAt: to === "approved" ? new Date() : null })
      .where(inArray(comments.id, movable.map((row) => row.id)));
    for (const row of movable) {
      await recordAudit(
        { actorId: actor.id, action: `comment.${action}`, targetType: "comment", targetId: row.id, details: { storyId: row.storyId, from: row.status, to }, ip: actor.ip },
        tx,
      );
    }
    return movable;
  });

  // Readers see approved comments only: a story's pages change when one arrives or leaves.
  const seenByReaders = [...new Set(moved.filter((row) => row.status === "approved" || to === "approved").map((row) => row.storyId))];
  if (seenByReaders.length > 0) {
    const touched = await db
      .select({ id: stories.id, slug: stories.slug, sectionPath: sections.path })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(inArray(stories.id, seenByReaders));
    for (const story of touched) invalidateStory(story.id, [storyPath(story.sectionPath, story.slug)]);
  }
  return { changed: moved.length, unchanged: unique.length - moved.length };
}

/** What changed, for the audit log: a long blocked-words list is recorded as what was added and removed. */
function settingsChanges(from: CommentSettings, to: CommentSettings): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (from.premoderation !== to.premoderation) changes.premoderation = { from: from.premoderation, to: to.premoderation };
  if (from.closeAfterDays !== to.closeAfterDays) changes.closeAfterDays = { from: from.closeAfterDays, to: to.closeAfterDays };
  const added = to.blockedWords.filter((word) => !from.blockedWords.includes(word));
  const removed = from.blockedWords.filter((word) => !to.blockedWords.includes(word));
  if (added.length || removed.length) changes.blockedWords = { added, removed };
  return changes;
}

export async function updateCommentSettings(actor: Actor, next: CommentSettings, db: Db = getDb()): Promise<void> {
  requireModerator(actor);
  const previous = await db.transaction(async (tx) => {
    const before = await getCommentSettings(tx);
    await saveCommentSettings(next, tx);
    await recordAudit({ actorId: actor.id, action: "comments.settings", targetType: "settings", targetId: "comments", details: settingsChanges(before, next), ip: actor.ip }, tx);
    return before;
  });
  if (previous.closeAfterDays === next.closeAfterDays) return;
  // Articles show whether comments are open; only those published within the longer of the two
  // periods can have changed.
  const days = Math.max(previous.closeAfterDays, next.closeAfterDays);
  const recent = await db
    .select({ id: stories.id, slug: stories.slug, sectionPath: sections.path })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(publishedNow, gt(stories.publishedAt, sql`now() - make_interval(days => ${days})`)));
  if (recent.length > 0) {
    invalidate({ tags: recent.map((story) => cacheTags.story(story.id)), paths: recent.map((story) => storyPath(story.sectionPath, story.slug)) });
  }
}
