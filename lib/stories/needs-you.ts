import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { stories, storyNotes, users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/users";
import { canModerate, canPublish } from "@/lib/auth/roles";
import { countPendingComments } from "@/lib/comments/moderation";
import { notTrashed } from "./visibility";

// "Needs you", the top of each person's dashboard: what is waiting for them and no one else.
// Everyone: their own stories an editor sent back with a note. Editors and admins also: the
// review queue (longest waiting first), comments awaiting a decision, and stories scheduled for
// the next 24 hours. Each list is one read of a small partial index (story_notes_open_idx,
// stories_review_queue_idx, stories_scheduled_idx), so it costs the same however large the archive.

/** The most each list shows; the story list, filtered, holds the rest. */
export const NEEDS_YOU_LIMIT = 10;
const DUE_WITHIN = sql`interval '24 hours'`;

export interface SentBack {
  id: number;
  headline: string;
  note: string;
  noteBy: string | null;
  sentAt: Date;
}

export interface WaitingStory {
  id: number;
  headline: string;
  /** When it entered review, or is scheduled for. */
  at: Date | null;
  /** Who wrote it (review) — null for a scheduled story or a removed account. */
  by: string | null;
}

export interface NeedsYou {
  sentBack: SentBack[];
  /** Null for those who do not publish. */
  review: { rows: WaitingStory[]; more: boolean } | null;
  dueSoon: { rows: WaitingStory[]; more: boolean } | null;
  /** Comments awaiting a decision (counted up to PENDING_BADGE_MAX); null for those who do not moderate. */
  pendingComments: number | null;
}

/** The viewer's stories sent back to them, the latest note first. */
function listSentBack(viewer: CurrentUser, db: Db = getDb()): Promise<SentBack[]> {
  return db
    .select({ id: stories.id, headline: stories.headline, note: storyNotes.body, noteBy: users.name, sentAt: storyNotes.createdAt })
    .from(storyNotes)
    .innerJoin(stories, eq(stories.id, storyNotes.storyId))
    .leftJoin(users, eq(users.id, storyNotes.authorId))
    // Still a draft: an editor who published or scheduled it instead has answered the note.
    .where(and(isNull(storyNotes.resolvedAt), eq(stories.createdById, viewer.id), eq(stories.status, "draft"), notTrashed))
    .orderBy(desc(storyNotes.createdAt), desc(storyNotes.id))
    .limit(NEEDS_YOU_LIMIT);
}

const page = (rows: WaitingStory[]) => ({ rows: rows.slice(0, NEEDS_YOU_LIMIT), more: rows.length > NEEDS_YOU_LIMIT });

/** Stories in review, the one waiting longest first. */
async function listReviewQueue(db: Db = getDb()) {
  const rows = await db
    .select({ id: stories.id, headline: stories.headline, at: stories.submittedAt, by: users.name })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.createdById))
    .where(and(eq(stories.status, "review"), notTrashed))
    .orderBy(asc(stories.submittedAt), asc(stories.id))
    .limit(NEEDS_YOU_LIMIT + 1);
  return page(rows);
}

/** Stories scheduled to appear within the next 24 hours, soonest first. */
async function listDueSoon(db: Db = getDb()) {
  const rows = await db
    .select({ id: stories.id, headline: stories.headline, at: stories.scheduledAt, by: sql<string | null>`null` })
    .from(stories)
    .where(and(eq(stories.status, "scheduled"), lte(stories.scheduledAt, sql`now() + ${DUE_WITHIN}`), notTrashed))
    .orderBy(asc(stories.scheduledAt), asc(stories.id))
    .limit(NEEDS_YOU_LIMIT + 1);
  return page(rows);
}

export async function getNeedsYou(viewer: CurrentUser, db: Db = getDb()): Promise<NeedsYou> {
  const publishes = canPublish(viewer);
  const [sentBack, review, dueSoon, pendingComments] = await Promise.all([
    listSentBack(viewer, db),
    publishes ? listReviewQueue(db) : null,
    publishes ? listDueSoon(db) : null,
    canModerate(viewer) ? countPendingComments(viewer, db) : null,
  ]);
  return { sentBack, review, dueSoon, pendingComments };
}

/** Whether nothing at all waits for the viewer. */
export const isNothing = (needs: NeedsYou): boolean =>
  !needs.sentBack.length && !needs.review?.rows.length && !needs.dueSoon?.rows.length && !needs.pendingComments;
