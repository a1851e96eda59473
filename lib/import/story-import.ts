import { eq, inArray } from "drizzle-orm";
import { sections, tags } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { invalidateStory } from "@/lib/cache/invalidate";
import { importArchivedComment } from "@/lib/comments/imports";
import { DomainError, parseInput, ValidationError } from "@/lib/errors";
import { slugify } from "@/lib/format/slug";
import { createStory } from "@/lib/stories/commands";
import { documentText } from "@/lib/stories/document";
import { storyPath } from "@/lib/stories/queries";
import { SLUG_PATTERN, storedTags, storyInputSchema } from "@/lib/stories/schemas";
import { publishStory } from "@/lib/stories/workflow";
import { fallbackAuthor, fallbackSection, recordArchivePaths } from "./catalog-import";
import { mediaForRef, resolveMedia, usableId } from "./media-import";
import type { SourceComment, SourceStory } from "./model";
import type { RunState } from "./run-state";
import { rememberSources } from "./sources";

// One story of the archive, in one transaction: the story (through createStory, so its search
// words, bylines and tags are written as for any story), its publication with the original dates
// (publishStory: a time still to come schedules it), its comments, its old addresses and the
// source ids of all of it. Its images are uploaded before, each in its own transaction and
// remembered, so a story that fails or is interrupted finds them the next time.

const MAX_TAGS = 12;
const clip = (text: string, max: number) => text.replace(/\s+/g, " ").trim().slice(0, max);

/** The story's slug: the old one when it is a valid one here, else made from the headline. */
function slugOf(story: SourceStory): string {
  const old = story.slug.toLowerCase();
  if (old.length <= 80 && SLUG_PATTERN.test(old)) return old;
  return slugify(story.headline) || slugify(old) || `story-${slugify(story.sourceId) || "imported"}`;
}

async function tagNames(state: RunState, story: SourceStory): Promise<string[]> {
  const byId = new Map(state.catalog.tags.map((tag) => [tag.sourceId, tag]));
  const knownIds = story.tagSourceIds.map((id) => state.known.tag.get(id)).filter((id): id is number => id !== undefined && id > 0);
  const current = knownIds.length && !state.dryRun ? await state.db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, knownIds)) : [];
  const names = story.tagSourceIds.map((sourceId) => {
    const id = state.known.tag.get(sourceId);
    return current.find((row) => row.id === id)?.name ?? byId.get(sourceId)?.name ?? sourceId;
  });
  for (const name of names) if (name && !slugify(name)) state.warn(story.item, `the tag "${name}" has no Latin letter or digit for its address: left out`);
  const unique = storedTags(names.map((name) => clip(name, 60)).filter(Boolean)).map(([, name]) => name);
  if (unique.length > MAX_TAGS) state.warn(story.item, `${unique.length} tags: the first ${MAX_TAGS} are kept`);
  return unique.slice(0, MAX_TAGS);
}

async function storyInput(state: RunState, story: SourceStory) {
  const converted = await state.converters.body(story.body, {
    item: story.item,
    resolveImage: async (ref) => resolveMedia(state, mediaForRef(state, ref), story.item),
    baseUrl: state.catalog.siteUrl || undefined,
    attachment: (id) => {
      const media = state.catalog.media.get(String(id));
      return media ? { src: media.url, alt: media.alt ?? media.title, caption: media.caption, credit: media.credit } : null;
    },
  });
  for (const warning of converted.warnings) state.warn(warning.item, warning.message);

  const heroSource = story.heroMediaSourceId ? state.catalog.media.get(story.heroMediaSourceId) : undefined;
  if (story.heroMediaSourceId && !heroSource) state.warn(story.item, `its featured image (${story.heroMediaSourceId}) is not in the export`);
  const heroMediaId = heroSource ? usableId(await resolveMedia(state, heroSource, story.item)) : null;

  const authorIds = story.authorSourceIds.map((id) => state.known.author.get(id)).filter((id): id is number => id !== undefined);
  if (!authorIds.length) {
    state.warn(story.item, "no known author: the byline is Staff");
    authorIds.push(await fallbackAuthor(state));
  }
  const sectionId = (story.sectionSourceId ? state.known.section.get(story.sectionSourceId) : undefined) ?? (await fallbackSection(state));
  const headline = clip(story.headline, 200) || `Untitled (${story.item})`;
  // An excerpt may carry markup: read by the same converter, kept as plain text.
  const deck = story.deck.includes("<") ? documentText((await state.converters.body({ kind: "html", html: story.deck }, { item: story.item })).document) : story.deck;
  if (story.headline.length > 200) state.warn(story.item, "headline longer than 200 characters: cut");
  return {
    headline,
    deck: clip(deck, 400),
    slug: slugOf({ ...story, headline }),
    sectionId,
    tags: await tagNames(state, story),
    authorIds: [...new Set(authorIds)].slice(0, 6),
    heroMediaId,
    heroAlt: heroMediaId ? clip(story.heroAlt || heroSource?.alt || heroSource?.title || headline, 500) : "",
    heroCaption: heroMediaId ? clip(story.heroCaption ?? heroSource?.caption ?? "", 500) : "",
    heroCredit: heroMediaId ? clip(heroSource?.credit ?? "", 200) : "",
    body: converted.document,
    commentsOpen: story.commentsOpen,
  };
}

type StoryInputFields = Awaited<ReturnType<typeof storyInput>>;

/** createStory, and once more under a slug of its own if another story has the old one. */
async function createWithFreeSlug(state: RunState, tx: Tx, input: StoryInputFields, story: SourceStory) {
  try {
    return await createStory(state.actor, input, tx);
  } catch (error) {
    if (!(error instanceof ValidationError) || !error.fieldErrors?.slug) throw error;
    const slug = `${input.slug.slice(0, 70)}-${slugify(story.sourceId).slice(0, 9) || "2"}`;
    state.warn(story.item, `the slug "${input.slug}" is taken here: it is "${slug}"`);
    return createStory(state.actor, { ...input, slug }, tx);
  }
}

/** The dates to publish with: the original publication, and the update only where one can be kept. */
function datesOf(story: SourceStory) {
  const publishedAt = story.publishedAt;
  const updated = story.updatedAt;
  const keepUpdate = publishedAt && updated && updated.getTime() > publishedAt.getTime() + 60_000 && updated.getTime() <= Date.now();
  return { publishedAt, ...(keepUpdate ? { updatedAt: updated } : {}) };
}

/** Comments in an order where each parent comes first; replies of replies join their thread (the site's replies are one level deep). */
async function writeComments(state: RunState, tx: Tx, storyId: number, story: SourceStory): Promise<[string, number][]> {
  const made = new Map<string, { id: number; root: number }>();
  const pairs: [string, number][] = [];
  const kept = story.comments.filter((comment) => comment.status !== "spam");
  const byId = new Map(kept.map((comment) => [comment.sourceId, comment]));
  const ordered: SourceComment[] = [];
  const placed = new Set<string>();
  const place = (comment: SourceComment, depth = 0) => {
    if (placed.has(comment.sourceId) || depth > kept.length) return;
    const parent = comment.parentSourceId ? byId.get(comment.parentSourceId) : undefined;
    if (parent) place(parent, depth + 1);
    placed.add(comment.sourceId);
    ordered.push(comment);
  };
  for (const comment of kept) place(comment);
  for (const comment of ordered) {
    const parent = comment.parentSourceId ? made.get(comment.parentSourceId) : undefined;
    if (comment.parentSourceId && !parent) state.warn(story.item, `comment ${comment.sourceId} answers one not imported: it stands on its own`);
    const converted = await state.converters.body({ kind: "html", html: comment.html }, { item: `${story.item} comment ${comment.sourceId}` });
    const result = await importArchivedComment(tx, storyId, {
      parentId: parent?.root ?? null,
      status: comment.status === "approved" ? "approved" : "pending",
      authorName: comment.authorName || "Anonymous",
      email: comment.email,
      body: documentText(converted.document),
      createdAt: comment.createdAt ?? story.publishedAt ?? new Date(),
    });
    if ("refused" in result) {
      state.warn(story.item, `comment ${comment.sourceId} not kept: ${result.refused}`);
      continue;
    }
    made.set(comment.sourceId, { id: result.id, root: parent?.root ?? result.id });
    pairs.push([comment.sourceId, result.id]);
  }
  return pairs;
}

/** Imports one story (or, in a dry run, checks it); a story that cannot be kept is reported, never half-written. */
export async function importStory(state: RunState, story: SourceStory): Promise<void> {
  if (state.known.story.has(story.sourceId)) {
    state.report.existing.story++;
    state.report.existing.comment += story.comments.filter((comment) => comment.status !== "spam").length;
    return;
  }
  const dropped = [
    ...story.droppedComments,
    ...story.comments.filter((comment) => comment.status === "spam").map((comment) => ({ item: `${story.item} comment ${comment.sourceId}`, reason: "spam is not imported" })),
  ];
  try {
    const input = await storyInput(state, story);
    if (state.dryRun) {
      parseInput(storyInputSchema, input);
      for (const sourceId of story.tagSourceIds) {
        if (state.known.tag.has(sourceId)) continue;
        state.known.tag.set(sourceId, state.nextDryId());
        state.report.created.tag++;
      }
      state.report.created.story++;
      state.report.created.comment += story.comments.filter((comment) => comment.status !== "spam").length;
      state.report.skipped.push(...dropped);
      state.known.story.set(story.sourceId, state.nextDryId());
      return;
    }
    const { source } = state.catalog;
    const made = await state.db.transaction(async (tx) => {
      const created = await createWithFreeSlug(state, tx, input, story);
      if (story.status !== "draft") {
        if (!story.publishedAt) state.warn(story.item, "no publication date in the export: published now");
        await publishStory(state.actor, created.id, tx, datesOf(story));
      }
      const comments = await writeComments(state, tx, created.id, story);
      const conflicts = await state.converters.recordOldPaths(tx, { storyId: created.id }, state.converters.storyOldPaths(story, state.catalog));
      for (const conflict of conflicts) state.warn(story.item, `old address ${conflict.path}: ${conflict.message}`);
      const tagIds = await tx.select({ id: tags.id, slug: tags.slug }).from(tags).where(inArray(tags.slug, input.tags.map((name) => slugify(name)).filter(Boolean)));
      const byName = new Map(input.tags.map((name) => [slugify(name), name]));
      const tagPairs = story.tagSourceIds.flatMap((sourceId): [string, number][] => {
        const name = state.catalog.tags.find((tag) => tag.sourceId === sourceId)?.name ?? sourceId;
        const row = tagIds.find((tag) => tag.slug === slugify(name) && byName.has(tag.slug));
        return row && !state.known.tag.has(sourceId) ? [[sourceId, row.id]] : [];
      });
      await rememberSources(tx, source, "tag", tagPairs);
      for (const [sourceId, tagId] of tagPairs) {
        await recordArchivePaths(state, tx, "tag", [state.catalog.tags.find((tag) => tag.sourceId === sourceId)?.slug ?? sourceId], tagId);
      }
      await rememberSources(tx, source, "comment", comments);
      await rememberSources(tx, source, "story", [[story.sourceId, created.id]]);
      const [section] = await tx.select({ path: sections.path }).from(sections).where(eq(sections.id, input.sectionId));
      return { id: created.id, path: storyPath(section?.path ?? "", created.slug), tagPairs, comments: comments.length };
    });
    // Readers see it once it is committed (the commands' own refresh ran inside this transaction).
    invalidateStory(made.id, [made.path]);
    for (const [sourceId, id] of made.tagPairs) state.known.tag.set(sourceId, id);
    state.known.story.set(story.sourceId, made.id);
    state.report.created.story++;
    state.report.created.tag += made.tagPairs.length;
    state.report.created.comment += made.comments;
    state.report.skipped.push(...dropped);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = Object.entries(error.fieldErrors ?? {}).map(([field, message]) => `${field}: ${message}`);
    state.report.failed.push({ item: story.item, reason: fields.length ? fields.join("; ") : error.message });
  }
}
