import { and, asc, count, eq, inArray } from "drizzle-orm";
import { canManageSections } from "@/lib/auth/roles";
import { z } from "zod";
import { isStorableText, text, UNSTORABLE_TEXT } from "@/lib/validation/text";
import { getDb, type Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { idSchemaWith } from "@/lib/validation/ids";
import { isForeignKeyViolation, isUniqueViolation } from "@/db/errors";
import { sections, stories } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { invalidate } from "@/lib/cache/invalidate";
import { cacheTags } from "@/lib/cache/tags";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { clearRedirectsAt, keepOldAddresses, keepOldSectionAddresses } from "@/lib/routing/redirects";
import { MAX_SECTION_DEPTH, RESERVED_FIRST_SEGMENTS } from "@/lib/routing/section-paths";
import { storyPath } from "@/lib/stories/queries";
import { hasHadPublicAddress } from "@/lib/stories/visibility";
import { SLUG_PATTERN } from "@/lib/stories/schemas";

// Commands on the section tree (admins only): create, rename or move (re-nest), reorder among
// siblings, and delete an empty one. A section's path is part of every story URL under it, so a move rewrites the paths of
// the whole subtree and leaves a 301 behind for each story readers may have seen (as saveStory),
// and for each section page (and feed) in the subtree.

export interface SectionFields {
  name: string;
  slug?: string | null;
  parentId?: number | null;
  description?: string;
}

export { MAX_SECTION_DEPTH };

const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set(RESERVED_FIRST_SEGMENTS);

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const sectionInputSchema = z.object({
  name: z
    .string({ error: "Write a name" })
    .refine(isStorableText, UNSTORABLE_TEXT)
    .trim()
    .min(1, "Write a name")
    .max(60, "Keep the name under 60 characters"),
  slug: z.preprocess(
    (value) => blankToUndefined(value) ?? undefined,
    text().trim().max(60, "Keep the slug under 60 characters").regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens").optional(),
  ),
  parentId: z.preprocess(
    (value) => blankToUndefined(value) ?? null,
    idSchemaWith("Choose a parent section").nullable(),
  ),
  description: text().trim().max(300, "Keep the description under 300 characters").default(""),
});

type SectionInput = z.output<typeof sectionInputSchema>;

function requireAdmin(actor: Actor): void {
  if (!canManageSections(actor)) throw new ForbiddenError("Only admins manage sections.");
}

type SectionRow = { id: number; parentId: number | null; slug: string; path: string; name: string; sortOrder: number };

/**
 * Every section, in the order the site shows them. Locking all (few) rows serialises section
 * commands, which each depend on other rows' paths; "no key update" still lets stories be filed
 * in a section meanwhile.
 */
function lockSections(tx: Tx): Promise<SectionRow[]> {
  return tx
    .select({ id: sections.id, parentId: sections.parentId, slug: sections.slug, path: sections.path, name: sections.name, sortOrder: sections.sortOrder })
    .from(sections)
    .orderBy(asc(sections.sortOrder), asc(sections.name), asc(sections.id))
    .for("no key update");
}

/** The section and everything below it, parents before children. */
function subtreeOf(rows: SectionRow[], root: SectionRow): SectionRow[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...rows.filter((row) => row.parentId === found[i]!.id));
  return found;
}

const depthOf = (path: string) => path.split("/").length;

/** Where the input puts the section (`self` when it exists already): its slug and path, or why not. */
function placeSection(rows: SectionRow[], input: SectionInput, self?: SectionRow): { slug: string; path: string } {
  const slug = input.slug ?? slugify(input.name, 60);
  if (!slug) throw new ValidationError({ slug: "Write a slug: the name has no letters or digits" });
  let parentPath = "";
  if (input.parentId !== null) {
    const parent = rows.find((row) => row.id === input.parentId);
    if (!parent) throw new ValidationError({ parentId: "Choose a section that exists" });
    const subtree = self ? subtreeOf(rows, self) : [];
    if (subtree.some((row) => row.id === parent.id)) {
      throw new ValidationError({ parentId: "A section cannot go inside itself or one of its own sections" });
    }
    const below = self ? Math.max(...subtree.map((row) => depthOf(row.path))) - depthOf(self.path) : 0;
    if (depthOf(parent.path) + 1 + below > MAX_SECTION_DEPTH) {
      throw new ValidationError({ parentId: `Sections nest at most ${MAX_SECTION_DEPTH} levels deep` });
    }
    parentPath = parent.path;
  } else if (RESERVED_SECTION_SLUGS.has(slug)) {
    throw new ValidationError({ slug: `The site itself uses /${slug}; choose another slug` });
  }
  const path = parentPath ? `${parentPath}/${slug}` : slug;
  if (rows.some((row) => row.path === path && row.id !== self?.id)) {
    throw new ValidationError({ slug: "Another section already has this address" });
  }
  return { slug, path };
}

/** A section page wins over a story at the same URL, so that story would become unreachable. */
async function refuseStoryAddress(tx: Tx, parentId: number | null, slug: string): Promise<void> {
  if (parentId === null) return;
  const [story] = await tx.select({ sectionId: stories.sectionId }).from(stories).where(eq(stories.slug, slug));
  if (story?.sectionId === parentId) throw new ValidationError({ slug: "A story in that section already has this address" });
}

/**
 * A story filed in the old parent under the section's old slug, hidden until now by the section
 * page (a story may take an address a section holds; see refuseStoryAddress for the converse), has
 * its URL back once the section moves away. Only the moved section's own old path can be one: the
 * old paths below it belonged to sections that moved with it, and so did their stories.
 */
async function storyAtOldAddress(tx: Tx, self: SectionRow): Promise<string[]> {
  if (self.parentId === null) return [];
  const found = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.sectionId, self.parentId), eq(stories.slug, self.slug)));
  return found.length ? [`/${self.path}`] : [];
}

const nextSortOrder = (rows: SectionRow[], parentId: number | null) =>
  Math.max(-1, ...rows.filter((row) => row.parentId === parentId).map((row) => row.sortOrder)) + 1;

/**
 * Rewrites the paths below a moved section and gives each story and section there a 301 from its
 * old URL. Returns every URL readers may have cached, old and new, and the stories that moved.
 */
async function moveSubtree(tx: Tx, rows: SectionRow[], self: SectionRow, newPath: string) {
  const subtree = subtreeOf(rows, self);
  const newPaths = new Map([[self.id, newPath]]);
  for (const row of subtree.slice(1)) {
    newPaths.set(row.id, `${newPaths.get(row.parentId!)}/${row.slug}`);
    await tx.update(sections).set({ path: newPaths.get(row.id)! }).where(eq(sections.id, row.id));
  }
  const oldPaths = new Map(subtree.map((row) => [row.id, row.path]));
  const moved = await tx
    .select({ id: stories.id, slug: stories.slug, sectionId: stories.sectionId, status: stories.status, publishedAt: stories.publishedAt })
    .from(stories)
    .where(inArray(stories.sectionId, [...oldPaths.keys()]));
  const seen = moved.filter(hasHadPublicAddress);
  await keepOldAddresses(
    tx,
    seen.map((story) => ({ fromPath: storyPath(oldPaths.get(story.sectionId)!, story.slug), storyId: story.id })),
  );
  // Each section's old page (and feed) leads to wherever the section is now, however often it moves.
  await keepOldSectionAddresses(
    tx,
    subtree.map((row) => ({ fromPath: `/${row.path}`, sectionId: row.id })),
  );
  // The current URL of a story or section is never itself a redirect (no loops, nothing shadowed).
  const current = [
    ...moved.map((story) => storyPath(newPaths.get(story.sectionId)!, story.slug)),
    ...[...newPaths.values()].map((path) => `/${path}`),
    ...(await storyAtOldAddress(tx, self)),
  ];
  await clearRedirectsAt(tx, current);
  const urls = [
    ...moved.map((story) => storyPath(oldPaths.get(story.sectionId)!, story.slug)),
    ...[...oldPaths.values()].map((path) => `/${path}`),
    ...current,
  ];
  return { urls, storyIds: moved.map((story) => story.id) };
}

/** Every page shows the navigation; moved stories also changed URL. */
function refreshReaders(paths: string[] = [], storyIds: number[] = []): void {
  invalidatePathRules();
  invalidate({ tags: [cacheTags.sections, cacheTags.storyLists, ...storyIds.map(cacheTags.story)], paths });
}

/** Two admins racing for one address: the unique index decides, the loser gets a message. */
async function withUniquePath<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: "Another section already has this address" });
    throw error;
  }
}

export async function createSection(actor: Actor, fields: SectionFields, db: Db = getDb()): Promise<{ id: number; path: string }> {
  requireAdmin(actor);
  const input = parseInput(sectionInputSchema, fields);
  const created = await withUniquePath(() =>
    db.transaction(async (tx) => {
      const rows = await lockSections(tx);
      const { slug, path } = placeSection(rows, input);
      await refuseStoryAddress(tx, input.parentId, slug);
      const [row] = await tx
        .insert(sections)
        .values({ parentId: input.parentId, slug, path, name: input.name, description: input.description, sortOrder: nextSortOrder(rows, input.parentId) })
        .returning({ id: sections.id, path: sections.path });
      // An old story URL at this address would otherwise answer 301 instead of the new section.
      await clearRedirectsAt(tx, [`/${path}`]);
      await recordAudit({ actorId: actor.id, action: "section.create", targetType: "section", targetId: row!.id, details: { to: path, name: input.name }, ip: actor.ip }, tx);
      return row!;
    }),
  );
  refreshReaders([`/${created.path}`]);
  return created;
}

/** Renames a section and may change its slug or parent; a new path moves everything below it. */
export async function updateSection(actor: Actor, id: number, fields: SectionFields, db: Db = getDb()): Promise<{ path: string }> {
  requireAdmin(actor);
  const input = parseInput(sectionInputSchema, fields);
  const changed = await withUniquePath(() =>
    db.transaction(async (tx) => {
      const rows = await lockSections(tx);
      const self = rows.find((row) => row.id === id);
      if (!self) throw new NotFoundError("This section no longer exists.");
      const { slug, path } = placeSection(rows, input, self);
      if (path !== self.path) await refuseStoryAddress(tx, input.parentId, slug);
      // A section that changes parent goes last among its new siblings.
      const sortOrder = input.parentId === self.parentId ? self.sortOrder : nextSortOrder(rows, input.parentId);
      await tx
        .update(sections)
        .set({ name: input.name, slug, parentId: input.parentId, description: input.description, path, sortOrder })
        .where(eq(sections.id, id));
      const moved = path === self.path ? { urls: [`/${path}`], storyIds: [] } : await moveSubtree(tx, rows, self, path);
      await recordAudit({ actorId: actor.id, action: "section.update", targetType: "section", targetId: id, details: { from: self.path, to: path, name: input.name }, ip: actor.ip }, tx);
      return { path, ...moved };
    }),
  );
  refreshReaders(changed.urls, changed.storyIds);
  return { path: changed.path };
}

/** Swaps the section with its previous or next sibling in the order the site shows them. */
export async function moveSection(actor: Actor, id: number, direction: "up" | "down", db: Db = getDb()): Promise<void> {
  requireAdmin(actor);
  if (direction !== "up" && direction !== "down") throw new ValidationError({ direction: "Move a section up or down" });
  await db.transaction(async (tx) => {
    const rows = await lockSections(tx);
    const self = rows.find((row) => row.id === id);
    if (!self) throw new NotFoundError("This section no longer exists.");
    const siblings = rows.filter((row) => row.parentId === self.parentId);
    const from = siblings.indexOf(self);
    const to = direction === "up" ? from - 1 : from + 1;
    const other = siblings[to];
    if (!other) throw new ConflictError(`${self.name} is already ${direction === "up" ? "first" : "last"} among its neighbours.`);
    siblings[to] = self;
    siblings[from] = other;
    // Sections created together may share a sort order (ties broken by name); numbering the
    // siblings afresh makes the swap hold whatever their old values were.
    for (const [position, row] of siblings.entries()) {
      if (row.sortOrder !== position) await tx.update(sections).set({ sortOrder: position }).where(eq(sections.id, row.id));
    }
    await recordAudit({ actorId: actor.id, action: "section.move", targetType: "section", targetId: id, details: { path: self.path, direction, from, to, swappedWith: other.path }, ip: actor.ip }, tx);
  });
  refreshReaders();
}

/**
 * Deletes a section with no stories (those in the trash count: they may come back) and no
 * subsections. Its old addresses' redirects go with it; every page's navigation is refreshed.
 */
export async function deleteSection(actor: Actor, id: number, db: Db = getDb()): Promise<{ path: string }> {
  requireAdmin(actor);
  const deleted = await refuseIfFiled(() =>
    db.transaction(async (tx) => {
      const rows = await lockSections(tx);
      const self = rows.find((row) => row.id === id);
      if (!self) throw new NotFoundError("This section no longer exists.");
      const children = rows.filter((row) => row.parentId === id);
      if (children.length) {
        throw new ConflictError(`${self.name} has subsections (${children.map((row) => row.name).join(", ")}): delete or move them first.`);
      }
      const [filed] = await tx.select({ count: count() }).from(stories).where(eq(stories.sectionId, id));
      if (filed!.count > 0) throw new ConflictError(storiesRefusal(self.name, filed!.count));
      await tx.delete(sections).where(eq(sections.id, id));
      await recordAudit({ actorId: actor.id, action: "section.delete", targetType: "section", targetId: id, details: { path: self.path, name: self.name }, ip: actor.ip }, tx);
      return self;
    }),
  );
  refreshReaders([`/${deleted.path}`]);
  return { path: deleted.path };
}

const storiesRefusal = (name: string, stories: number) =>
  `${name} still has ${stories === 1 ? "a story" : `${stories} stories`}, counting any in the trash: move ${stories === 1 ? "it" : "them"} to another section, or delete ${stories === 1 ? "it" : "them"} from the trash, first.`;

/** A story filed in the section while it was being deleted: the foreign key decides, the admin gets a message. */
async function refuseIfFiled<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new ConflictError("A story was just filed in this section; it was not deleted.");
    throw error;
  }
}
