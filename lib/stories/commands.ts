import { and, eq, inArray } from "drizzle-orm";
import { readSiteSettings } from "@/lib/settings/site";
import { getDb, type Db } from "@/lib/db";
import { isForeignKeyViolation, isUniqueViolation } from "@/db/errors";
import type { Tx } from "@/db/transaction";
import {
  authors,
  media,
  relatedStories,
  sections,
  stories,
  storyAuthors,
  storyRevisions,
  storyTags,
  tags,
  users,
  type Story,
} from "@/db/schema";
import { withOwnByline } from "@/lib/authors/accounts";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { invalidateStory } from "@/lib/cache/invalidate";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { clearRedirectsAt, keepOldAddresses } from "@/lib/routing/redirects";
import { canEditStory } from "./permissions";
import { changesWhatReadersSee } from "./reader-changes";
import { storyPath } from "./queries";
import { refreshSearchVectors } from "./search-vector";
import { hasHadPublicAddress, isPublishedNow } from "./visibility";
import { storedTags, storyInputSchema, type StoryInput } from "./schemas";

// Commands on a story's content: create, and save with optimistic concurrency and a revision
// per save (the workflow is in ./workflow.ts). Each one checks the actor's role itself, writes in
// one transaction, audits, then refreshes what readers see.

/**
 * The story, locked for this transaction. A story in the trash is refused (409) unless the
 * command is one of the trash's own (`inTrash: "allow"`): nothing is saved or published there.
 */
export async function lockStory(tx: Tx, id: number, inTrash: "refuse" | "allow" = "refuse"): Promise<Story> {
  const [story] = await tx.select().from(stories).where(eq(stories.id, id)).for("update");
  if (!story) throw new NotFoundError("This story does not exist.");
  if (story.trashedAt && inTrash === "refuse") throw new ConflictError("This story is in the trash. Restore it first.");
  return story;
}

export async function sectionPathOf(tx: Tx, sectionId: number): Promise<string> {
  const [section] = await tx.select({ path: sections.path }).from(sections).where(eq(sections.id, sectionId));
  if (!section) throw new ValidationError({ sectionId: "Choose a section that exists" });
  return section.path;
}

/** The hero image, a related story or a byline was deleted between the check and the write. */
const REFERENCE_GONE = "An image, story or byline this story refers to was deleted a moment ago. Check them and save again.";

/** Checks that every referenced row exists, so a bad id is a message, not a database error. */
async function checkReferences(tx: Tx, input: StoryInput, storyId: number | null): Promise<void> {
  const errors: Record<string, string> = {};
  const authorRows = await tx.select({ id: authors.id }).from(authors).where(inArray(authors.id, input.authorIds));
  if (authorRows.length !== new Set(input.authorIds).size) errors.authorIds = "One of the bylines does not exist";
  if (input.heroMediaId !== null) {
    const [row] = await tx.select({ id: media.id }).from(media).where(eq(media.id, input.heroMediaId));
    if (!row) errors.heroMediaId = "That image is no longer in the media library";
  }
  if (input.relatedIds.length) {
    if (storyId !== null && input.relatedIds.includes(storyId)) errors.relatedIds = "A story cannot be related to itself";
    const rows = await tx.select({ id: stories.id }).from(stories).where(inArray(stories.id, input.relatedIds));
    if (rows.length !== new Set(input.relatedIds).size) errors.relatedIds ??= "One of the related stories does not exist";
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

async function writeRelations(tx: Tx, storyId: number, input: StoryInput): Promise<void> {
  await tx.delete(storyAuthors).where(eq(storyAuthors.storyId, storyId));
  await tx.insert(storyAuthors).values([...new Set(input.authorIds)].map((authorId, position) => ({ storyId, authorId, position })));

  await tx.delete(storyTags).where(eq(storyTags.storyId, storyId));
  const names = storedTags(input.tags);
  if (names.length) {
    await tx
      .insert(tags)
      .values(names.map(([slug, name]) => ({ slug, name })))
      .onConflictDoNothing({ target: tags.slug });
    const tagRows = await tx.select({ id: tags.id, slug: tags.slug }).from(tags).where(inArray(tags.slug, names.map(([slug]) => slug)));
    const ids = new Map(tagRows.map((row) => [row.slug, row.id]));
    await tx.insert(storyTags).values(names.map(([slug], position) => ({ storyId, tagId: ids.get(slug)!, position })));
  }

  await tx.delete(relatedStories).where(eq(relatedStories.storyId, storyId));
  const related = [...new Set(input.relatedIds)];
  if (related.length) {
    await tx.insert(relatedStories).values(related.map((relatedId, position) => ({ storyId, relatedId, position })));
  }
  // The story and its bylines and tags are written: its search words follow, in this transaction.
  await refreshSearchVectors(tx, eq(stories.id, storyId));
}

function snapshotOf(story: Story, input: StoryInput) {
  return {
    headline: story.headline,
    deck: story.deck,
    slug: story.slug,
    sectionId: story.sectionId,
    body: story.body,
    heroMediaId: story.heroMediaId,
    heroAlt: story.heroAlt,
    heroCaption: story.heroCaption,
    heroCredit: story.heroCredit,
    seoTitle: story.seoTitle,
    seoDescription: story.seoDescription,
    commentsOpen: story.commentsOpen,
    tags: input.tags,
    authorIds: input.authorIds,
    relatedIds: input.relatedIds,
  };
}

async function keepRevision(tx: Tx, story: Story, input: StoryInput, actorId: number): Promise<void> {
  await tx.insert(storyRevisions).values({ storyId: story.id, revision: story.revision, snapshot: snapshotOf(story, input), authorId: actorId });
}

function storyValues(input: StoryInput, slug: string) {
  return {
    headline: input.headline,
    deck: input.deck,
    slug,
    sectionId: input.sectionId,
    body: input.body,
    heroMediaId: input.heroMediaId,
    heroAlt: input.heroAlt,
    heroCaption: input.heroCaption,
    heroCredit: input.heroCredit,
    seoTitle: input.seoTitle,
    seoDescription: input.seoDescription,
    commentsOpen: input.commentsOpen,
  };
}

/** A new story's comments start as the site settings say, whoever creates it (newsroom or API), unless it says otherwise. */
async function withSiteDefaults(input: unknown, db: Db): Promise<unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input) || "commentsOpen" in input) return input;
  return { ...input, commentsOpen: (await readSiteSettings(db)).commentsOpenByDefault };
}

export async function createStory(actor: Actor, rawInput: unknown, db: Db = getDb()): Promise<{ id: number; slug: string; revision: number }> {
  const input = parseInput(storyInputSchema, await withSiteDefaults(await withOwnByline(actor, rawInput, db), db));
  const slug = input.slug ?? slugify(input.headline);
  if (!slug) throw new ValidationError({ slug: "Write a slug: the headline has no letters or digits" });
  try {
    const created = await db.transaction(async (tx) => {
      const sectionPath = await sectionPathOf(tx, input.sectionId);
      await checkReferences(tx, input, null);
      const [story] = await tx
        .insert(stories)
        .values({ ...storyValues(input, slug), status: "draft", createdById: actor.id, updatedById: actor.id })
        .returning();
      // The address is the new story's now: an old story's or section's 301 there would shadow it.
      await clearRedirectsAt(tx, [storyPath(sectionPath, slug)]);
      await writeRelations(tx, story!.id, input);
      await keepRevision(tx, story!, input, actor.id);
      await recordAudit({ actorId: actor.id, action: "story.create", targetType: "story", targetId: story!.id, details: { slug }, ip: actor.ip }, tx);
      return story!;
    });
    invalidatePathRules();
    return { id: created.id, slug: created.slug, revision: created.revision };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: "Another story already uses this slug" });
    if (isForeignKeyViolation(error)) throw new ConflictError(REFERENCE_GONE);
    throw error;
  }
}

/**
 * Who saved the story's current content revision, and when: what a refused stale save tells the
 * editor. Read from that revision's snapshot, since a later workflow step (publishing, a
 * correction) also touches the story row but is not a save.
 */
async function lastSave(tx: Tx, story: Story) {
  const [saved] = await tx
    .select({ name: users.name, createdAt: storyRevisions.createdAt })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.authorId))
    .where(and(eq(storyRevisions.storyId, story.id), eq(storyRevisions.revision, story.revision)));
  return { revision: story.revision, updatedBy: saved?.name ?? "someone", updatedAt: (saved?.createdAt ?? story.updatedAt).toISOString() };
}

/**
 * Saves a new version of the story: the content revision goes up by one and its snapshot is kept
 * (the only place either happens besides creation, so revisions run 1..n without gaps).
 * `baseRevision` is the revision the editor started from: if someone saved since, nothing is
 * written and a ConflictError (409) says who and when. Workflow steps do not change the revision,
 * so publishing or a correction in between never refuses a save.
 */
export async function saveStory(
  actor: Actor,
  id: number,
  rawInput: unknown,
  baseRevision: number,
  db: Db = getDb(),
): Promise<{ revision: number; path: string }> {
  const input = parseInput(storyInputSchema, rawInput);
  let paths: string[] = [];
  let wasPublic = false;
  let slugChanged = false;
  try {
    const result = await db.transaction(async (tx) => {
      const story = await lockStory(tx, id);
      if (!canEditStory(actor, story)) throw new ForbiddenError("You cannot edit this story.");
      if (story.revision !== baseRevision) {
        const change = await lastSave(tx, story);
        throw new ConflictError(`${change.updatedBy} saved this story after you opened it.`, change);
      }
      const slug = input.slug ?? story.slug;
      const [oldSectionPath, newSectionPath] = await Promise.all([sectionPathOf(tx, story.sectionId), sectionPathOf(tx, input.sectionId)]);
      await checkReferences(tx, input, id);
      const oldPath = storyPath(oldSectionPath, story.slug);
      const newPath = storyPath(newSectionPath, slug);
      wasPublic = isPublishedNow(story);
      // Readers are told when a published story changes for them (./reader-changes.ts).
      const updatedForReaders = wasPublic && (await changesWhatReadersSee(tx, story, input));
      const revision = story.revision + 1;
      const [saved] = await tx
        .update(stories)
        .set({
          ...storyValues(input, slug),
          revision,
          updatedById: actor.id,
          ...(updatedForReaders ? { revisedAt: new Date() } : {}),
        })
        .where(eq(stories.id, id))
        .returning();
      await writeRelations(tx, id, input);
      await keepRevision(tx, saved!, input, actor.id);
      if (oldPath !== newPath) {
        slugChanged = true;
        // Every old URL answers 301 to the current one in one hop, and the current one is never
        // itself a redirect (no loops).
        if (hasHadPublicAddress(story)) {
          await keepOldAddresses(tx, [{ fromPath: oldPath, storyId: id }]);
        }
        await clearRedirectsAt(tx, [newPath]);
        await recordAudit({ actorId: actor.id, action: "story.slug_change", targetType: "story", targetId: id, details: { from: oldPath, to: newPath }, ip: actor.ip }, tx);
      }
      await recordAudit({ actorId: actor.id, action: "story.save", targetType: "story", targetId: id, details: { revision }, ip: actor.ip }, tx);
      paths = [oldPath, newPath];
      return { revision, path: newPath };
    });
    if (slugChanged) invalidatePathRules();
    if (wasPublic || slugChanged) invalidateStory(id, paths);
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: "Another story already uses this slug" });
    if (isForeignKeyViolation(error)) throw new ConflictError(REFERENCE_GONE);
    throw error;
  }
}
