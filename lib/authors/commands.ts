import { and, eq, inArray, ne } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import { isUniqueViolation } from "@/db/errors";
import { authors, media, stories, storyAuthors, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { canManageAuthors } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/log";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { authorFeedPath } from "@/lib/feeds/addresses";
import { authorPath } from "@/lib/routing/public-urls";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { keepOldAuthorAddress } from "@/lib/routing/redirects";
import { refreshSearchVectors } from "@/lib/stories/search-vector";
import { AUTHOR_SLUG_MAX, authorInputSchema, type AuthorInput } from "./schemas";

// Commands on author profiles (editors and admins): create and edit. A profile is a byline: a
// staff member's own (linked to their account, at most one each) or a contributor's without an
// account. Editing one refreshes its page and every article that carries the byline.

const SLUG_TAKEN = "Another author already has this address";

function requireManager(actor: Actor): void {
  if (!canManageAuthors(actor)) throw new ForbiddenError("Only editors and admins manage authors.");
}

/** The slug the input asks for, or the one its name gives. */
function slugOf(input: AuthorInput): string {
  const slug = input.slug ?? slugify(input.name, AUTHOR_SLUG_MAX);
  if (!slug) throw new ValidationError({ slug: "Write a slug: the name has no letters or digits" });
  return slug;
}

/** Refuses what the profile would point at but does not exist, or a slug or account already taken. */
async function checkProfile(tx: Tx, input: AuthorInput, slug: string, self: number | null): Promise<void> {
  const other = (column: typeof authors.slug | typeof authors.userId, value: string | number) =>
    tx
      .select({ name: authors.name })
      .from(authors)
      .where(self === null ? eq(column, value) : and(eq(column, value), ne(authors.id, self)));
  if ((await other(authors.slug, slug)).length) throw new ValidationError({ slug: SLUG_TAKEN });
  if (input.photoMediaId !== null) {
    const [photo] = await tx.select({ id: media.id }).from(media).where(eq(media.id, input.photoMediaId));
    if (!photo) throw new ValidationError({ photoMediaId: "That image is no longer in the library" });
  }
  if (input.userId !== null) {
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!account) throw new ValidationError({ userId: "That account no longer exists" });
    const [linked] = await other(authors.userId, input.userId);
    if (linked) throw new ValidationError({ userId: `That account already has a profile: ${linked.name}` });
  }
}

const valuesOf = (input: AuthorInput, slug: string) => ({
  slug,
  name: input.name,
  title: input.title,
  bio: input.bio,
  photoMediaId: input.photoMediaId,
  links: input.links,
  userId: input.userId,
});

/** Two editors racing for one slug or account: the unique index decides, the loser gets a message. */
async function withUniqueProfile<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: `${SLUG_TAKEN}, or the account has a profile already` });
    throw error;
  }
}

export async function createAuthor(actor: Actor, fields: unknown, db: Db = getDb()): Promise<{ id: number; slug: string }> {
  requireManager(actor);
  const input = parseInput(authorInputSchema, fields);
  const slug = slugOf(input);
  // No story carries a new byline yet: nothing readers see changes.
  return withUniqueProfile(() =>
    db.transaction(async (tx) => {
      await checkProfile(tx, input, slug, null);
      const [row] = await tx.insert(authors).values(valuesOf(input, slug)).returning({ id: authors.id, slug: authors.slug });
      await recordAudit({ actorId: actor.id, action: "author.create", targetType: "author", targetId: row!.id, details: { slug, userId: input.userId }, ip: actor.ip }, tx);
      return row!;
    }),
  );
}

export async function updateAuthor(actor: Actor, id: number, fields: unknown, db: Db = getDb()): Promise<{ slug: string }> {
  requireManager(actor);
  const input = parseInput(authorInputSchema, fields);
  const slug = slugOf(input);
  const changed = await withUniqueProfile(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select({ slug: authors.slug, userId: authors.userId }).from(authors).where(eq(authors.id, id)).for("update");
      if (!before) throw new NotFoundError("This author no longer exists.");
      await checkProfile(tx, input, slug, id);
      await tx.update(authors).set(valuesOf(input, slug)).where(eq(authors.id, id));
      // Readers' links and search engines keep finding the author at the old address (a 301).
      if (before.slug !== slug) await keepOldAuthorAddress(tx, { fromPath: authorPath(before.slug), authorId: id });
      const bylines = await tx.select({ storyId: storyAuthors.storyId }).from(storyAuthors).where(eq(storyAuthors.authorId, id));
      // Stories are found by their bylines: a renamed author's are found by the new name.
      await refreshSearchVectors(tx, inArray(stories.id, tx.select({ id: storyAuthors.storyId }).from(storyAuthors).where(eq(storyAuthors.authorId, id))));
      const details = { from: before.slug, to: slug, userId: input.userId, ...(before.userId !== input.userId && { previousUserId: before.userId }) };
      await recordAudit({ actorId: actor.id, action: "author.update", targetType: "author", targetId: id, details, ip: actor.ip }, tx);
      return { oldSlug: before.slug, storyIds: bylines.map((row) => row.storyId) };
    }),
  );
  if (changed.oldSlug !== slug) invalidatePathRules();
  refreshAuthor([changed.oldSlug, slug], changed.storyIds);
  return { slug };
}

/**
 * The author page (old and new address), its feed and every list that shows the byline (the
 * story-list tag, under which the author page is read), and each article that carries it.
 */
function refreshAuthor(slugs: string[], storyIds: number[]): void {
  const paths = [...new Set(slugs)].flatMap((slug) => [authorPath(slug), authorFeedPath(slug)]);
  invalidate({ tags: [cacheTags.storyLists, ...storyIds.map(cacheTags.story)], paths });
}
