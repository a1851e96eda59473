import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { isStorableDate, LAST_STORABLE_YEAR } from "@/lib/validation/dates";
import { isStorableText, UNSTORABLE_TEXT } from "@/lib/validation/text";
import { getDb, type Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { corrections, sections, stories, storyNotes, type Story } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { invalidateStory } from "@/lib/cache/invalidate";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { lockStory, sectionPathOf } from "./commands";
import { canPublish, canSendBack } from "@/lib/auth/roles";
import { canEditStory } from "./permissions";
import { endPreviewLinks } from "./previews";
import { readReviewNote } from "./review-note-text";
import { storyPath } from "./queries";

// The workflow of a story: review, publish, schedule, unpublish, corrections, and the sweeper that
// publishes scheduled stories on time. Each step checks the actor's role, writes the change and an
// audit entry in one transaction, then refreshes what readers see. No step touches the content
// revision (only a save does, lib/stories/commands.ts): a save started before a step still succeeds.

async function transition(
  actor: Actor,
  id: number,
  action: string,
  change: (story: Story, tx: Tx) => Promise<Partial<typeof stories.$inferInsert>>,
  db: Db,
): Promise<Story> {
  let path = "";
  const updated = await db.transaction(async (tx) => {
    const story = await lockStory(tx, id);
    const values = await change(story, tx);
    const [row] = await tx
      .update(stories)
      .set({ ...values, updatedById: actor.id })
      .where(eq(stories.id, id))
      .returning();
    path = storyPath(await sectionPathOf(tx, row!.sectionId), row!.slug);
    await recordAudit({ actorId: actor.id, action, targetType: "story", targetId: id, details: { from: story.status, to: row!.status }, ip: actor.ip }, tx);
    return row!;
  });
  invalidatePathRules();
  invalidateStory(id, [path]);
  return updated;
}

/** Into the review queue (at its end); the notes it was sent back with are answered by it. */
export function submitForReview(actor: Actor, id: number, db: Db = getDb()) {
  return transition(actor, id, "story.submit", async (story, tx) => {
    if (!canEditStory(actor, story)) throw new ForbiddenError("You cannot submit this story.");
    if (story.status !== "draft") throw new ConflictError("Only a draft can be submitted for review.");
    const now = new Date();
    await tx.update(storyNotes).set({ resolvedAt: now }).where(and(eq(storyNotes.storyId, id), isNull(storyNotes.resolvedAt)));
    return { status: "review", submittedAt: now };
  }, db);
}

/** Back to its writer as a draft, with a note saying why (lib/stories/review-notes.ts shows it). */
export async function sendBackStory(actor: Actor, id: number, note: unknown, db: Db = getDb()) {
  if (!canSendBack(actor)) throw new ForbiddenError("Only editors and admins send stories back.");
  const body = readReviewNote(note);
  return transition(actor, id, "story.send_back", async (story, tx) => {
    if (story.status !== "review") throw new ConflictError("Only a story in review can be sent back.");
    await tx.insert(storyNotes).values({ storyId: id, authorId: actor.id, body });
    return { status: "draft", submittedAt: null };
  }, db);
}

/**
 * Dates a publication may carry from elsewhere (an archive brought in, a story first printed on
 * another site): `publishedAt` in the past is kept as the publication time, one in the future is
 * a schedule (scheduleStory); `updatedAt` is the "Updated" time readers see, between the
 * publication and now.
 */
export interface PublicationDates {
  publishedAt?: Date;
  updatedAt?: Date;
}

const PUBLISHED_RANGE = "Choose a publication time in the year 0 or later";
const UPDATED_RANGE = "Choose an update time between the publication and now";
const UPDATED_WHEN_SCHEDULED = "A scheduled story has no update time: leave updatedAt out, or give a publication time in the past";

/** The refused dates, by field, or null when they can be kept. */
function refusedDates(dates: PublicationDates, publishedAt: Date, now: Date): Record<string, string> | null {
  const errors: Record<string, string> = {};
  if (dates.publishedAt && !isStorableDate(dates.publishedAt)) errors.publishedAt = PUBLISHED_RANGE;
  const updated = dates.updatedAt;
  if (updated && (!isStorableDate(updated) || updated.getTime() > now.getTime() || updated.getTime() < publishedAt.getTime())) {
    errors.updatedAt = UPDATED_RANGE;
  }
  return Object.keys(errors).length ? errors : null;
}

/**
 * Publishes now, or at the original time given. Only editors and admins publish, with or without
 * dates (a writer's request is refused before any date is read).
 */
export async function publishStory(actor: Actor, id: number, db: Db = getDb(), dates: PublicationDates = {}) {
  const now = new Date();
  if (dates.publishedAt && isStorableDate(dates.publishedAt) && dates.publishedAt.getTime() > now.getTime()) {
    if (!canPublish(actor)) throw new ForbiddenError("Only editors and admins publish.");
    if (dates.updatedAt) throw new ValidationError({ updatedAt: UPDATED_WHEN_SCHEDULED });
    return scheduleStory(actor, id, dates.publishedAt, db);
  }
  return transition(actor, id, "story.publish", async (story) => {
    if (!canPublish(actor)) throw new ForbiddenError("Only editors and admins publish.");
    if (story.status === "published") throw new ConflictError("This story is already published.");
    // A story published before keeps its first publication time (unless one is given); readers see it was updated.
    const republished = story.publishedAt !== null && story.status === "unpublished";
    const publishedAt = dates.publishedAt ?? (republished ? story.publishedAt! : now);
    const refused = refusedDates(dates, publishedAt, now);
    if (refused) throw new ValidationError(refused);
    const revisedAt = dates.updatedAt ?? (republished ? now : undefined);
    return { status: "published", publishedAt, ...(revisedAt ? { revisedAt } : {}), scheduledAt: null, unpublishedAt: null };
  }, db);
}

const SCHEDULE_RANGE = `Choose a time between now and the year ${LAST_STORABLE_YEAR}`;

export function scheduleStory(actor: Actor, id: number, at: Date, db: Db = getDb()) {
  return transition(actor, id, "story.schedule", async (story) => {
    if (!canPublish(actor)) throw new ForbiddenError("Only editors and admins schedule.");
    if (story.status === "published") throw new ConflictError("This story is already published.");
    if (!isStorableDate(at) || at.getTime() <= Date.now()) throw new ValidationError({ at: SCHEDULE_RANGE });
    return { status: "scheduled", scheduledAt: at };
  }, db);
}

/** Cancels a schedule (the story goes back to draft), or pulls a published story: its URL answers 410 and its preview links end. */
export function unpublishStory(actor: Actor, id: number, db: Db = getDb()) {
  return transition(actor, id, "story.unpublish", async (story, tx) => {
    if (!canPublish(actor)) throw new ForbiddenError("Only editors and admins unpublish.");
    if (story.status !== "published" && story.status !== "scheduled") {
      throw new ConflictError("Only a published or scheduled story can be unpublished.");
    }
    if (story.status === "scheduled") return { status: "draft", scheduledAt: null };
    await endPreviewLinks(tx, id);
    return { status: "unpublished", unpublishedAt: new Date() };
  }, db);
}

export async function addCorrection(actor: Actor, id: number, note: string, db: Db = getDb()) {
  const text = note.trim();
  if (!text) throw new ValidationError({ note: "Write the correction" });
  if (text.length > 1000) throw new ValidationError({ note: "Keep the correction under 1,000 characters" });
  if (!isStorableText(text)) throw new ValidationError({ note: UNSTORABLE_TEXT });
  return transition(actor, id, "story.correct", async (story, tx) => {
    if (!canPublish(actor)) throw new ForbiddenError("Only editors and admins add corrections.");
    if (story.status !== "published") throw new ConflictError("Corrections are for published stories.");
    await tx.insert(corrections).values({ storyId: id, note: text, createdById: actor.id });
    return { revisedAt: new Date() };
  }, db);
}

/**
 * Publishes every scheduled story whose time has come. Run by the sweeper every few seconds and
 * at start, so a story scheduled while the server was down appears at once.
 */
export async function publishDueStories(db: Db = getDb()): Promise<number[]> {
  const due = await db.transaction(async (tx) => {
    const rows = await tx
      .update(stories)
      .set({ status: "published", publishedAt: sql`${stories.scheduledAt}`, scheduledAt: null })
      .where(and(eq(stories.status, "scheduled"), lte(stories.scheduledAt, sql`now()`)))
      .returning({ id: stories.id, slug: stories.slug, sectionId: stories.sectionId });
    for (const row of rows) {
      await recordAudit({ actorId: null, action: "story.publish_scheduled", targetType: "story", targetId: row.id }, tx);
    }
    return rows;
  });
  if (due.length) {
    const sectionRows = await db.select({ id: sections.id, path: sections.path }).from(sections).orderBy(asc(sections.id));
    const paths = new Map(sectionRows.map((s) => [s.id, s.path]));
    for (const row of due) invalidateStory(row.id, [storyPath(paths.get(row.sectionId) ?? "", row.slug)]);
    invalidatePathRules();
  }
  return due.map((row) => row.id);
}
