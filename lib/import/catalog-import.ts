import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import { authors, sections } from "@/db/schema";
import { createAuthor } from "@/lib/authors/commands";
import { AUTHOR_BIO_MAX, AUTHOR_NAME_MAX } from "@/lib/authors/schemas";
import { DomainError, ValidationError } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { MAX_SECTION_DEPTH } from "@/lib/routing/section-paths";
import { createSection } from "@/lib/sections/commands";
import { resolveMedia } from "./media-import";
import type { SourceAuthor, SourceSection } from "./model";
import type { RunState } from "./run-state";
import { rememberSources } from "./sources";

// Authors and sections, found or made by their source id before any story: through the authors'
// and sections' own commands. An author or section of the same address already on the site is
// taken as the archive's (the same desk, the same person), not made twice. A category nested
// deeper than the site allows lends its stories to its deepest allowed ancestor.

export const FALLBACK_SECTION = { sourceId: "(no category)", name: "Archive", slug: "archive" } as const;
export const FALLBACK_AUTHOR = { sourceId: "(no author)", name: "Staff", slug: "staff" } as const;

/** A category's, tag's or author's old page and feed addresses, leading to what it became. */
export async function recordArchivePaths(state: RunState, tx: Tx | Db, kind: "category" | "tag" | "author", slugs: string[], id: number): Promise<void> {
  const { page, feed } = state.converters.archiveOldPaths(kind, slugs, state.catalog);
  const target = kind === "category" ? { sectionId: id } : kind === "tag" ? { tagId: id } : { authorId: id };
  const feedOf = kind === "category" ? "section" : kind;
  const conflicts = [
    ...(page.length ? await state.converters.recordOldPaths(tx as Tx, target, page) : []),
    ...(feed.length ? await state.converters.recordOldPaths(tx as Tx, { ...target, feedOf }, feed) : []),
  ];
  for (const conflict of conflicts) state.warn(`${kind} ${slugs.at(-1)}`, `old address ${conflict.path}: ${conflict.message}`);
}

/** A category's old slugs from the top ("news", "world", "europe"), as its old address has them. */
function oldSlugChain(state: RunState, section: SourceSection): string[] {
  const byId = new Map(state.catalog.sections.map((entry) => [entry.sourceId, entry]));
  const chain = [section.sourceId];
  for (let parent = section.parentSourceId; parent && chain.length < 10; parent = byId.get(parent)?.parentSourceId) chain.unshift(parent);
  return chain;
}

const fieldMessage = (error: DomainError) => Object.values(error.fieldErrors ?? {})[0] ?? error.message;

async function existingAuthor(state: RunState, slug: string): Promise<number | null> {
  const [row] = await state.db.select({ id: authors.id }).from(authors).where(eq(authors.slug, slug));
  return row?.id ?? null;
}

async function importAuthor(state: RunState, author: SourceAuthor): Promise<void> {
  if (state.known.author.has(author.sourceId)) {
    state.report.existing.author++;
    return;
  }
  const slug = slugify(author.slug, 60) || slugify(author.name, 60) || `author-${state.known.author.size + 1}`;
  const found = await existingAuthor(state, slug);
  let id: number;
  if (state.dryRun) {
    id = found ?? state.nextDryId();
  } else if (found !== null) {
    id = found;
    await state.db.transaction(async (tx) => {
      await rememberSources(tx, state.catalog.source, "author", [[author.sourceId, found]]);
      await recordArchivePaths(state, tx, "author", [author.slug], found);
    });
  } else {
    const photo = author.photoUrl ? state.catalog.media.get(author.photoUrl) : undefined;
    const photoMediaId = photo ? await resolveMedia(state, photo, `author ${author.slug}`) : null;
    const fields = { name: author.name.trim().slice(0, AUTHOR_NAME_MAX) || slug, slug, bio: (author.bio ?? "").trim().slice(0, AUTHOR_BIO_MAX), photoMediaId };
    id = await state.db.transaction(async (tx) => {
      const created = await createAuthor(state.actor, fields, tx);
      await rememberSources(tx, state.catalog.source, "author", [[author.sourceId, created.id]]);
      if (author.sourceId !== FALLBACK_AUTHOR.sourceId) await recordArchivePaths(state, tx, "author", [author.slug], created.id);
      return created.id;
    });
  }
  if (found === null) state.report.created.author++;
  else state.report.existing.author++;
  state.known.author.set(author.sourceId, id);
}

function sectionSlug(section: SourceSection, index: number): string {
  return slugify(section.slug, 60) || slugify(section.name, 60) || `category-${index + 1}`;
}

async function importSection(state: RunState, section: SourceSection, index: number, paths: Map<string, string>): Promise<void> {
  if (state.known.section.has(section.sourceId)) {
    state.report.existing.section++;
    return;
  }
  const parentId = section.parentSourceId ? state.known.section.get(section.parentSourceId) : undefined;
  const parentPath = parentId !== undefined ? paths.get(section.parentSourceId!) : undefined;
  if (parentPath !== undefined && parentPath.split("/").length >= MAX_SECTION_DEPTH) {
    state.warn(`category ${section.sourceId}`, `nested deeper than ${MAX_SECTION_DEPTH} levels: its stories go to /${parentPath}`);
    state.known.section.set(section.sourceId, parentId!);
    paths.set(section.sourceId, parentPath);
    if (!state.dryRun) {
      await state.db.transaction(async (tx) => {
        await rememberSources(tx, state.catalog.source, "section", [[section.sourceId, parentId!]]);
        await recordArchivePaths(state, tx, "category", oldSlugChain(state, section), parentId!);
      });
    }
    return;
  }
  const slug = sectionSlug(section, index);
  const path = parentPath ? `${parentPath}/${slug}` : slug;
  const [found] = await state.db.select({ id: sections.id }).from(sections).where(eq(sections.path, path));
  let id: number;
  if (found) {
    id = found.id;
    state.report.existing.section++;
    if (!state.dryRun) {
      await state.db.transaction(async (tx) => {
        await rememberSources(tx, state.catalog.source, "section", [[section.sourceId, found.id]]);
        if (section.sourceId !== FALLBACK_SECTION.sourceId) await recordArchivePaths(state, tx, "category", oldSlugChain(state, section), found.id);
      });
    }
  } else if (state.dryRun) {
    id = state.nextDryId();
    state.report.created.section++;
  } else {
    const fields = { name: section.name.trim().slice(0, 60) || slug, slug, parentId: parentId ?? null, description: (section.description ?? "").slice(0, 500) };
    try {
      id = await state.db.transaction(async (tx) => {
        const created = await createSection(state.actor, fields, tx);
        await rememberSources(tx, state.catalog.source, "section", [[section.sourceId, created.id]]);
        if (section.sourceId !== FALLBACK_SECTION.sourceId) await recordArchivePaths(state, tx, "category", oldSlugChain(state, section), created.id);
        return created.id;
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      state.warn(`category ${section.sourceId}`, `not made (${fieldMessage(error)}): its stories go to the "${FALLBACK_SECTION.name}" section`);
      return;
    }
    state.report.created.section++;
  }
  state.known.section.set(section.sourceId, id);
  paths.set(section.sourceId, path);
}

/** Paths of the sections already known, for placing their children. */
async function knownPaths(state: RunState): Promise<Map<string, string>> {
  const ids = [...state.known.section.values()].filter((id) => id > 0);
  const rows = ids.length ? await state.db.select({ id: sections.id, path: sections.path }).from(sections).where(inArray(sections.id, ids)) : [];
  const byId = new Map(rows.map((row) => [row.id, row.path]));
  return new Map([...state.known.section].flatMap(([sourceId, id]) => (byId.has(id) ? [[sourceId, byId.get(id)!] as [string, string]] : [])));
}

export async function importCatalog(state: RunState): Promise<void> {
  if (!state.dryRun) {
    const conflicts = await state.db.transaction((tx) => state.converters.recordOldPaths(tx, { feedOf: "site" }, state.converters.siteFeedOldPaths(state.catalog)));
    for (const conflict of conflicts) state.warn("the site's feed", `old address ${conflict.path}: ${conflict.message}`);
  }
  for (const author of state.catalog.authors) await importAuthor(state, author);
  const paths = await knownPaths(state);
  for (const [index, section] of state.catalog.sections.entries()) await importSection(state, section, index, paths);
}

/** The section or author stories fall back to when the archive names none (made when first needed). */
export async function fallbackSection(state: RunState): Promise<number> {
  const known = state.known.section.get(FALLBACK_SECTION.sourceId);
  if (known !== undefined) return known;
  await importSection(state, { ...FALLBACK_SECTION }, 0, new Map());
  return state.known.section.get(FALLBACK_SECTION.sourceId)!;
}

export async function fallbackAuthor(state: RunState): Promise<number> {
  if (!state.known.author.has(FALLBACK_AUTHOR.sourceId)) await importAuthor(state, { ...FALLBACK_AUTHOR });
  return state.known.author.get(FALLBACK_AUTHOR.sourceId)!;
}
