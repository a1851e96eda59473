import { and, asc, eq, inArray } from "drizzle-orm";
import { authors, media, sections, stories, storyAuthors, storyTags, tags } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { mediaUrl } from "@/lib/media/urls";
import { keysetQuery } from "@/lib/pagination/keyset";
import { bodyMediaIds, relatedStoryIds, type StoryDocument } from "@/lib/stories/document";
import {
  getStorySummaries,
  joinLink,
  listPlan,
  summaryColumns,
  toSummary,
  type StoryListFilter,
  type StorySummary,
} from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";

// What a feed lists: the newest published stories of the site, a section, a tag or an author, with
// everything an item carries (bylines, tags, the body and what it refers to). A few queries per
// feed, whatever its length: the items' bylines, tags, images and related stories are read in batches.

/** Items per feed: enough for a reader polling hourly, small enough to stay fast. */
export const FEED_SIZE = 50;

export type FeedScope =
  | { kind: "site" }
  | { kind: "section"; sectionIds: number[] }
  | { kind: "tag"; tagId: number }
  | { kind: "author"; authorId: number };

export interface FeedStory extends StorySummary {
  heroMimeType: string | null;
  body: StoryDocument;
  bylines: { name: string; slug: string }[];
  tags: { name: string; slug: string }[];
  /** Published stories the body's related-story blocks point at, by id. */
  related: Record<number, { headline: string; path: string }>;
  /** Files of the body's images, by media id. */
  media: Record<number, { src: string; width: number; height: number }>;
}

/** The feed's scope as the public lists' filter: one rule for which stories a section, tag or author holds. */
function filterOf(scope: FeedScope): StoryListFilter {
  switch (scope.kind) {
    case "site":
      return {};
    case "section":
      return { sectionIds: scope.sectionIds };
    case "tag":
      return { tagId: scope.tagId };
    case "author":
      return { authorId: scope.authorId };
  }
}

function groupBy<T extends { storyId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) groups.set(row.storyId, [...(groups.get(row.storyId) ?? []), row]);
  return groups;
}

/** The newest published stories of `scope`, newest first, at most `limit`. */
export async function listFeedStories(scope: FeedScope, db: Db = getDb(), limit = FEED_SIZE): Promise<FeedStory[]> {
  const plan = listPlan(filterOf(scope));
  const page = keysetQuery(plan.order, { limit });
  const query = db
    .select({ ...summaryColumns, heroMimeType: media.mimeType, body: stories.body })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(media, eq(media.id, stories.heroMediaId))
    .$dynamic();
  const rows = await joinLink(query, plan)
    .where(and(publishedNow, ...plan.conditions))
    .orderBy(...page.orderBy)
    .limit(limit);
  if (rows.length === 0) return [];

  const ids = rows.map((row) => row.id);
  const imageIds = [...new Set(rows.flatMap((row) => bodyMediaIds(row.body)))];
  const [bylineRows, tagRows, imageRows, relatedCards] = await Promise.all([
    db
      .select({ storyId: storyAuthors.storyId, name: authors.name, slug: authors.slug })
      .from(storyAuthors)
      .innerJoin(authors, eq(authors.id, storyAuthors.authorId))
      .where(inArray(storyAuthors.storyId, ids))
      .orderBy(asc(storyAuthors.position)),
    db
      .select({ storyId: storyTags.storyId, name: tags.name, slug: tags.slug })
      .from(storyTags)
      .innerJoin(tags, eq(tags.id, storyTags.tagId))
      .where(inArray(storyTags.storyId, ids))
      .orderBy(asc(storyTags.position)),
    imageIds.length === 0
      ? []
      : db.select({ id: media.id, key: media.storageKey, width: media.width, height: media.height }).from(media).where(inArray(media.id, imageIds)),
    getStorySummaries([...new Set(rows.flatMap((row) => relatedStoryIds(row.body)))], db),
  ]);
  const bylines = groupBy(bylineRows);
  const tagsOf = groupBy(tagRows);
  const files = new Map(imageRows.map((m) => [m.id, { src: mediaUrl(m.key), width: m.width, height: m.height }]));
  const cards = new Map(relatedCards.map((card) => [card.id, { headline: card.headline, path: card.path }]));
  const pick = <T>(from: Map<number, T>, wanted: number[]) =>
    Object.fromEntries(wanted.flatMap((id) => (from.has(id) ? [[id, from.get(id)!]] : [])));

  return rows.map((row) => ({
    ...toSummary(row),
    heroMimeType: row.heroMimeType,
    body: row.body,
    bylines: (bylines.get(row.id) ?? []).map(({ name, slug }) => ({ name, slug })),
    tags: (tagsOf.get(row.id) ?? []).map(({ name, slug }) => ({ name, slug })),
    related: pick(cards, relatedStoryIds(row.body)),
    media: pick(files, bodyMediaIds(row.body)),
  }));
}

/** A tag or an author by slug, for the feed of its stories; null when there is none. */
export async function findFeedSubject(kind: "tag" | "author", slug: string, db: Db = getDb()) {
  const table = kind === "tag" ? tags : authors;
  const [row] = await db.select({ id: table.id, name: table.name, slug: table.slug }).from(table).where(eq(table.slug, slug));
  return row ?? null;
}
