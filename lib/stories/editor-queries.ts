import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { cache } from "react";
import { getDb, type Db } from "@/lib/db";
import { authors, corrections, media, relatedStories, sections, stories, storyAuthors, storyTags, tags, users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/users";
import { keysetPage, keysetQuery, type KeysetOrder } from "@/lib/pagination/keyset";
import { storiesVisibleTo } from "./permissions";
import { storySearchMatch } from "./search-vector";
import { notTrashed } from "./visibility";

// Reads for the newsroom: every status, not only what readers see — but a list shows each person
// only the stories they may open (storiesVisibleTo).

export type StoryStatus = (typeof stories.status.enumValues)[number];
export const storyStatuses = stories.status.enumValues;

export interface DashboardFilters {
  status?: StoryStatus;
  sectionId?: number;
  authorId?: number;
  /** Only stories this user created. */
  createdById?: number;
  /**
   * A web-style search of headline, deck, bylines, tags and body (lib/stories/search-vector.ts):
   * "a phrase", `or`, `-word`; each word also finds the words it begins.
   */
  q?: string;
  /** Id of the last story of the previous page (ordered by last change, newest first). */
  before?: number;
  limit?: number;
}

export interface DashboardRow {
  id: number;
  slug: string;
  headline: string;
  status: StoryStatus;
  sectionName: string;
  sectionPath: string;
  updatedAt: Date;
  publishedAt: Date | null;
  scheduledAt: Date | null;
  createdById: number | null;
  updatedByName: string | null;
  bylines: string[];
  /** Corrections published on the story. */
  corrections: number;
}

/** The dashboard's order: the story changed last first. */
const lastChangedFirst: KeysetOrder = { table: stories, keys: [stories.updatedAt], id: stories.id, direction: "desc" };

/** The filters other than status and paging, as conditions: every one narrows the others. */
async function narrowedBy(viewer: CurrentUser, filters: DashboardFilters, db: Db): Promise<(SQL | undefined)[]> {
  const conditions: (SQL | undefined)[] = [notTrashed, storiesVisibleTo(viewer)];
  if (filters.sectionId) conditions.push(eq(stories.sectionId, filters.sectionId));
  if (filters.createdById) conditions.push(eq(stories.createdById, filters.createdById));
  if (filters.authorId) {
    conditions.push(
      inArray(stories.id, db.select({ id: storyAuthors.storyId }).from(storyAuthors).where(eq(storyAuthors.authorId, filters.authorId))),
    );
  }
  conditions.push(await searchMatchOnce(db, filters.q));
  return conditions;
}

/**
 * The search's condition, made once per request (React `cache`): the list and its tab counts
 * search alike, and making it asks the database to read the query.
 */
const searchMatchOnce = cache((db: Db, q: string | undefined) => storySearchMatch(db, q));

/** The statuses the list counts for its tabs: the newsroom's work in hand, never the archive. */
export const countedStatuses = ["draft", "review", "scheduled"] as const satisfies readonly StoryStatus[];

/** How many stories of each status in `countedStatuses` match the filters other than status. */
export async function countStoriesByStatus(viewer: CurrentUser, filters: DashboardFilters = {}, db: Db = getDb()) {
  const rows = await db
    .select({ status: stories.status, n: count() })
    .from(stories)
    .where(and(...(await narrowedBy(viewer, filters, db)), inArray(stories.status, [...countedStatuses])))
    .groupBy(stories.status);
  return Object.fromEntries(countedStatuses.map((status) => [status, rows.find((row) => row.status === status)?.n ?? 0])) as Record<
    (typeof countedStatuses)[number],
    number
  >;
}

export async function listStoriesForDashboard(viewer: CurrentUser, filters: DashboardFilters = {}, db: Db = getDb()) {
  const limit = Math.min(filters.limit ?? 30, 100);
  const conditions = await narrowedBy(viewer, filters, db);
  if (filters.status) conditions.push(eq(stories.status, filters.status));
  const keyset = keysetQuery(lastChangedFirst, { cursor: filters.before, limit });
  conditions.push(keyset.where);
  const rows = await db
    .select({
      id: stories.id,
      slug: stories.slug,
      headline: stories.headline,
      status: stories.status,
      sectionName: sections.name,
      sectionPath: sections.path,
      updatedAt: stories.updatedAt,
      publishedAt: stories.publishedAt,
      scheduledAt: stories.scheduledAt,
      createdById: stories.createdById,
      updatedByName: users.name,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(users, eq(users.id, stories.updatedById))
    .where(and(...conditions))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  const { items: page, nextCursor } = keysetPage(rows, limit);
  const ids = page.map((row) => row.id);
  const [bylineRows, correctionRows] = ids.length
    ? await Promise.all([
        db
          .select({ storyId: storyAuthors.storyId, name: authors.name, position: storyAuthors.position })
          .from(storyAuthors)
          .innerJoin(authors, eq(authors.id, storyAuthors.authorId))
          .where(inArray(storyAuthors.storyId, ids))
          .orderBy(storyAuthors.position),
        db.select({ storyId: corrections.storyId, n: count() }).from(corrections).where(inArray(corrections.storyId, ids)).groupBy(corrections.storyId),
      ])
    : [[], []];
  const result: DashboardRow[] = page.map((row) => ({
    ...row,
    bylines: bylineRows.filter((b) => b.storyId === row.id).map((b) => b.name),
    corrections: correctionRows.find((c) => c.storyId === row.id)?.n ?? 0,
  }));
  return { rows: result, nextCursor };
}

export async function listAuthorsForPicker(db: Db = getDb()) {
  return db.select({ id: authors.id, name: authors.name }).from(authors).orderBy(authors.name);
}

export async function listSectionsForPicker(db: Db = getDb()) {
  return db.select({ id: sections.id, name: sections.name, path: sections.path }).from(sections).orderBy(sections.path);
}

/** Everything the story editor needs, or null when there is no such story. */
export async function getStoryForEditing(id: number, db: Db = getDb()) {
  const trashedBy = alias(users, "trashed_by");
  const [story] = await db
    .select({
      id: stories.id,
      slug: stories.slug,
      headline: stories.headline,
      deck: stories.deck,
      sectionId: stories.sectionId,
      sectionPath: sections.path,
      body: stories.body,
      heroMediaId: stories.heroMediaId,
      heroAlt: stories.heroAlt,
      heroCaption: stories.heroCaption,
      heroCredit: stories.heroCredit,
      heroKey: media.storageKey,
      status: stories.status,
      publishedAt: stories.publishedAt,
      scheduledAt: stories.scheduledAt,
      revision: stories.revision,
      seoTitle: stories.seoTitle,
      seoDescription: stories.seoDescription,
      commentsOpen: stories.commentsOpen,
      createdById: stories.createdById,
      updatedAt: stories.updatedAt,
      trashedAt: stories.trashedAt,
      trashedByName: trashedBy.name,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(media, eq(media.id, stories.heroMediaId))
    .leftJoin(trashedBy, eq(trashedBy.id, stories.trashedById))
    .where(eq(stories.id, id));
  if (!story) return null;
  const [authorRows, tagRows, relatedRows] = await Promise.all([
    db.select({ id: storyAuthors.authorId }).from(storyAuthors).where(eq(storyAuthors.storyId, id)).orderBy(storyAuthors.position),
    db
      .select({ name: tags.name })
      .from(storyTags)
      .innerJoin(tags, eq(tags.id, storyTags.tagId))
      .where(eq(storyTags.storyId, id))
      .orderBy(storyTags.position),
    db
      .select({ id: relatedStories.relatedId, headline: stories.headline })
      .from(relatedStories)
      .innerJoin(stories, eq(stories.id, relatedStories.relatedId))
      .where(eq(relatedStories.storyId, id))
      .orderBy(relatedStories.position),
  ]);
  return {
    ...story,
    authorIds: authorRows.map((row) => row.id),
    tags: tagRows.map((row) => row.name),
    related: relatedRows,
  };
}

/**
 * Stories matching the words typed, for picking related stories: those `viewer` may open, found
 * by the story search index (headline, deck, bylines, tags, body: `storySearchMatch`), changed
 * last first. Nothing to search by (only stop words or operators): no stories.
 */
export async function searchStoriesForPicker(viewer: CurrentUser, q: string, excludeId: number | null, db: Db = getDb()) {
  const match = await storySearchMatch(db, q);
  if (!match) return [];
  const conditions: (SQL | undefined)[] = [notTrashed, storiesVisibleTo(viewer), match];
  if (excludeId) conditions.push(sql`${stories.id} <> ${excludeId}`);
  return db
    .select({ id: stories.id, headline: stories.headline, status: stories.status })
    .from(stories)
    .where(and(...conditions))
    .orderBy(desc(stories.updatedAt))
    .limit(10);
}

/** Headlines of the given stories, by id. */
export async function findHeadlinesByIds(ids: number[], db: Db = getDb()): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: stories.id, headline: stories.headline }).from(stories).where(inArray(stories.id, ids));
  return new Map(rows.map((row) => [row.id, row.headline]));
}
