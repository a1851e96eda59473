import { and, eq, inArray, lte, notInArray, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn, type PgSelect } from "drizzle-orm/pg-core";
import { getDb, isoTime, keepPlanned, selectingDb, type Db } from "@/lib/db";
import {
  authors,
  corrections,
  media,
  relatedStories,
  sections,
  stories,
  storyAuthors,
  storyTags,
  tags,
} from "@/db/schema";
import { approvedCountOf, approvedThreadJson, type PublicComment } from "@/lib/comments/queries";
import { commentSettingsFrom, commentsStillOpen, storedCommentSettings } from "@/lib/comments/settings";
import { mediaUrl } from "@/lib/media/urls";
import { keysetPage, keysetQuery, type KeysetOrder } from "@/lib/pagination/keyset";
import { bodyMediaIds, relatedStoryIds, type StoryDocument } from "./document";
import { publishedNow, publishedNowIn } from "./visibility";

// Public reads. Every one filters on published status and time (`publishedNow`, ./visibility.ts:
// a scheduled or embargoed story is invisible until its time). Dates leave this module as ISO
// strings: results are cached as JSON.

export interface StoryImage {
  src: string;
  width: number;
  height: number;
  alt: string;
}

/** A published story as a list or a related link shows it (components/site/story-card.tsx draws it). */
export interface StorySummary {
  id: number;
  slug: string;
  /** Path of the article: "/news/us/<slug>". */
  path: string;
  headline: string;
  deck: string;
  sectionName: string;
  sectionPath: string;
  publishedAt: string;
  revisedAt: string | null;
  image: StoryImage | null;
}

export interface Byline {
  name: string;
  slug: string;
  title: string;
}

export interface Article extends StorySummary {
  sectionId: number;
  body: StoryDocument;
  heroCaption: string;
  heroCredit: string;
  seoTitle: string;
  seoDescription: string;
  bylines: Byline[];
  tags: { name: string; slug: string }[];
  related: StorySummary[];
  /** Cards for the related-story blocks inside the body, by story id (published ones only). */
  inlineRelated: Record<number, StorySummary>;
  /** Files of the images inside the body, by media id. */
  bodyMedia: Record<number, { src: string; width: number; height: number }>;
  corrections: { note: string; createdAt: string }[];
  commentCount: number;
  /** Open now: not closed by an editor, and not past the automatic closing time. */
  commentsOpen: boolean;
  /** The first page of the approved thread. */
  thread: PublicComment[];
}

export function storyPath(sectionPath: string, slug: string): string {
  return `/${sectionPath}/${slug}`;
}

export const summaryColumns = {
  id: stories.id,
  slug: stories.slug,
  headline: stories.headline,
  deck: stories.deck,
  sectionName: sections.name,
  sectionPath: sections.path,
  publishedAt: stories.publishedAt,
  revisedAt: stories.revisedAt,
  heroAlt: stories.heroAlt,
  mediaKey: media.storageKey,
  mediaWidth: media.width,
  mediaHeight: media.height,
};

export type SummaryRow = {
  id: number;
  slug: string;
  headline: string;
  deck: string;
  sectionName: string;
  sectionPath: string;
  publishedAt: Date | null;
  revisedAt: Date | null;
  heroAlt: string;
  mediaKey: string | null;
  mediaWidth: number | null;
  mediaHeight: number | null;
};

export function toSummary(row: SummaryRow): StorySummary {
  return {
    id: row.id,
    slug: row.slug,
    path: storyPath(row.sectionPath, row.slug),
    headline: row.headline,
    deck: row.deck,
    sectionName: row.sectionName,
    sectionPath: row.sectionPath,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    revisedAt: row.revisedAt?.toISOString() ?? null,
    image:
      row.mediaKey && row.mediaWidth && row.mediaHeight
        ? { src: mediaUrl(row.mediaKey), width: row.mediaWidth, height: row.mediaHeight, alt: row.heroAlt }
        : null,
  };
}

function cardQuery(db: Db) {
  return db
    .select(summaryColumns)
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(media, eq(media.id, stories.heroMediaId));
}

/** Newest first: the order of every public list of stories. */
export const newestFirst: KeysetOrder = { table: stories, keys: [stories.publishedAt], id: stories.id, direction: "desc" };

export interface StoryPage {
  stories: StorySummary[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** Which stories a public list holds: all of them, or those in some sections, with a tag or by an author. */
export interface StoryListFilter {
  sectionIds?: number[];
  tagId?: number;
  authorId?: number;
}

/**
 * The filter as conditions on `stories`. A tag or an author is a semi-join through its link
 * table's index (story_tags_tag_idx, story_authors_author_idx): the planner reads that one
 * tag's or author's story ids, not the whole archive.
 */
function listConditions({ sectionIds, tagId, authorId }: StoryListFilter): SQL[] {
  const conditions: SQL[] = [];
  if (sectionIds) conditions.push(inArray(stories.sectionId, sectionIds));
  if (tagId !== undefined) {
    conditions.push(sql`${stories.id} in (select ${storyTags.storyId} from ${storyTags} where ${storyTags.tagId} = ${tagId})`);
  }
  if (authorId !== undefined) {
    conditions.push(
      sql`${stories.id} in (select ${storyAuthors.storyId} from ${storyAuthors} where ${storyAuthors.authorId} = ${authorId})`,
    );
  }
  return conditions;
}

/** How a list is read: its order, the link table joined for it (a tag's or an author's list), and its conditions. */
export interface ListPlan {
  order: KeysetOrder;
  link?: { table: typeof storyTags | typeof storyAuthors; on: SQL };
  conditions: SQL[];
}

/**
 * A tag's or an author's list walks its link table, newest first by the story's publication as
 * copied there (db/schema.ts, publicationCopies: the same order as `newestFirst`), through
 * story_tags_tag_published_idx or story_authors_author_published_idx: a page reads a page's worth
 * of links, however many stories the tag has. `publishedNow` still decides, on the story.
 */
function linkPlan(
  table: typeof storyTags | typeof storyAuthors,
  owner: typeof storyTags.tagId | typeof storyAuthors.authorId,
  ownerId: number,
  rest: StoryListFilter,
): ListPlan {
  return {
    order: { table, keys: [table.publishedAt], id: table.storyId, direction: "desc", scope: eq(owner, ownerId) },
    link: { table, on: and(eq(table.storyId, stories.id), eq(owner, ownerId))! },
    conditions: [lte(table.publishedAt, sql`now()`), ...listConditions(rest)],
  };
}

/** How every public list of stories (pages and feeds) is read for `filter`. */
export function listPlan({ tagId, authorId, ...rest }: StoryListFilter): ListPlan {
  if (tagId !== undefined) return linkPlan(storyTags, storyTags.tagId, tagId, { ...rest, authorId });
  if (authorId !== undefined) return linkPlan(storyAuthors, storyAuthors.authorId, authorId, rest);
  return { order: newestFirst, conditions: listConditions(rest) };
}

/** `query` with the plan's link table joined, when it has one. */
export function joinLink<T extends PgSelect>(query: T, plan: ListPlan): T {
  // The lists select their columns by name: the join adds none to the result, so its type stands.
  return plan.link ? (query.innerJoin(plan.link.table, plan.link.on) as unknown as T) : query;
}

/**
 * Published stories, newest first, optionally filtered (StoryListFilter). Keyset pagination:
 * `before` is the id of the last story of the previous page, so deep pages cost what the first one does.
 */
export async function listPublishedStories(
  options: StoryListFilter & { before?: number; limit: number; excludeIds?: number[] },
  db: Db = getDb(),
): Promise<StoryPage> {
  const { before, limit, excludeIds } = options;
  const plan = listPlan(options);
  const page = keysetQuery(plan.order, { cursor: before, limit });
  const conditions: (SQL | undefined)[] = [publishedNow, page.where, ...plan.conditions];
  if (excludeIds?.length) conditions.push(notInArray(stories.id, excludeIds));
  const rows = await joinLink(cardQuery(db).$dynamic(), plan)
    .where(and(...conditions))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const { items, nextCursor } = keysetPage(rows, limit);
  return { stories: items.map(toSummary), nextCursor };
}

/** Whether `storyId` is a published story of the list `filter` describes (a valid pagination cursor). */
export async function isPublishedStoryInList(
  storyId: number,
  filter: StoryListFilter,
  db: Db = getDb(),
): Promise<boolean> {
  const [row] = await db
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.id, storyId), publishedNow, ...listConditions(filter)));
  return row !== undefined;
}

export async function getStorySummaries(ids: number[], db: Db = getDb()): Promise<StorySummary[]> {
  if (ids.length === 0) return [];
  const rows = await cardQuery(db).where(and(inArray(stories.id, ids), publishedNow));
  const cards = new Map(rows.map((row) => [row.id, toSummary(row)]));
  return ids.flatMap((id) => cards.get(id) ?? []);
}

export type StoryLookup =
  | { state: "published"; id: number; path: string }
  | { state: "gone"; path: string }
  | { state: "missing" };

function slugLookupQuery(db: Db) {
  return db
    .select({
      id: stories.id,
      status: stories.status,
      // Decided by the database's clock, as the article read that follows (./visibility.ts).
      readable: sql<boolean>`coalesce(${publishedNow}, false)`,
      sectionPath: sections.path,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(eq(stories.slug, sql.placeholder("slug")))
    .prepare("story_by_slug");
}

/** Built and planned once per database, like the article's statement: it runs on every uncached article. */
const slugLookups = new WeakMap<Db, ReturnType<typeof slugLookupQuery>>();

/** What a public URL ending in `slug` should answer. */
export async function lookupStorySlug(slug: string, given: Db = getDb()): Promise<StoryLookup> {
  // Kept for the database it runs on: with read replicas, the one chosen for this request.
  const db = selectingDb(given);
  let query = slugLookups.get(db);
  if (!query) {
    slugLookups.set(db, (query = slugLookupQuery(db)));
    keepPlanned(db, query.getQuery().sql);
  }
  const [row] = await query.execute({ slug });
  if (!row) return { state: "missing" };
  const path = storyPath(row.sectionPath, slug);
  if (row.status === "unpublished") return { state: "gone", path };
  if (row.readable) return { state: "published", id: row.id, path };
  return { state: "missing" };
}

/** Everything the article page shows, or null when the story is not published. */
export function getPublishedArticle(id: number, db: Db = getDb()): Promise<Article | null> {
  return loadArticle(id, publishedNow, db);
}

/** The article as it would look if published now: for private preview links only. */
export async function getArticleForPreview(id: number, db: Db = getDb()): Promise<Article | null> {
  const article = await loadArticle(id, undefined, db);
  return article && { ...article, publishedAt: new Date().toISOString(), revisedAt: null };
}

const relatedStory = alias(stories, "related_story");
const relatedSection = alias(sections, "related_section");
const relatedMedia = alias(media, "related_media");

/** A story's hand-picked related stories that readers may see, in order, as JSON SummaryRows. */
function relatedCardsJson(storyId: AnyPgColumn): SQL<JsonSummaryRow[]> {
  const s = relatedStory;
  return sql<JsonSummaryRow[]>`(select coalesce(json_agg(json_build_object(
      'id', ${s.id}, 'slug', ${s.slug}, 'headline', ${s.headline}, 'deck', ${s.deck},
      'sectionName', ${relatedSection.name}, 'sectionPath', ${relatedSection.path},
      'publishedAt', ${isoTime(s.publishedAt)}, 'revisedAt', ${isoTime(s.revisedAt)}, 'heroAlt', ${s.heroAlt},
      'mediaKey', ${relatedMedia.storageKey}, 'mediaWidth', ${relatedMedia.width}, 'mediaHeight', ${relatedMedia.height})
      order by ${relatedStories.position}), '[]')
    from ${relatedStories}
    join ${stories} ${s} on ${s.id} = ${relatedStories.relatedId}
    join ${sections} ${relatedSection} on ${relatedSection.id} = ${s.sectionId}
    left join ${media} ${relatedMedia} on ${relatedMedia.id} = ${s.heroMediaId}
    where ${relatedStories.storyId} = ${storyId} and ${publishedNowIn(s)})`;
}

/** How many related stories an article shows: the editor's picks, then the closest others. */
export const RELATED_COUNT = 4;
/**
 * The newest stories of each of the story's tags looked at for related ones, and of its section
 * (these only fill the list: a story sharing no tag scores half of one sharing one). A story
 * older than the newest 20 of a tag would have lost to them on recency anyway unless it shares
 * more tags. Fewer candidates cost less: with 50 of each the article's statement took ~1.2 ms
 * more CPU on PGlite (10,000 stories).
 */
const RELATED_TAG_CANDIDATES = 20;
const RELATED_SECTION_CANDIDATES = 3 * RELATED_COUNT;
/** A related story's weight halves with every this many days of age. */
const RELATED_HALF_LIFE_DAYS = 30;

const autoStory = alias(stories, "auto_story");
const autoSection = alias(sections, "auto_section");
const autoMedia = alias(media, "auto_media");
const ownTag = alias(storyTags, "own_tag");
const taggedWith = alias(storyTags, "tagged_with");
const sameSection = alias(stories, "same_section");

/**
 * Up to RELATED_COUNT published stories close to the story, beyond its editor's picks, as JSON
 * SummaryRows: the newest few of each of its tags (story_tags_tag_published_idx) and of its
 * section (stories_section_published_idx) — never the archive — scored
 * (tags shared + ½ for the same section) × ½^(age / RELATED_HALF_LIFE_DAYS), best first. Never
 * the story itself, one of its picks, or a story readers may not see.
 */
function autoRelatedJson(storyId: AnyPgColumn, sectionId: AnyPgColumn): SQL<JsonSummaryRow[]> {
  const s = autoStory;
  const candidates = sql`
    select t.story_id, 1 as shared from ${storyTags} ${ownTag}
    cross join lateral (select ${taggedWith.storyId} as story_id from ${storyTags} ${taggedWith}
      where ${taggedWith.tagId} = ${ownTag.tagId} and ${taggedWith.publishedAt} <= now()
      order by ${taggedWith.publishedAt} desc limit ${sql.raw(String(RELATED_TAG_CANDIDATES))}) t
    where ${ownTag.storyId} = ${storyId}
    union all
    (select ${sameSection.id}, 0 from ${stories} ${sameSection}
      where ${sameSection.sectionId} = ${sectionId} and ${publishedNowIn(sameSection)}
      order by ${sameSection.publishedAt} desc limit ${sql.raw(String(RELATED_SECTION_CANDIDATES))})`;
  // In float8: numeric's power() cost ~50 µs a row on PGlite.
  const score = sql`(c.shared::float8 + case when ${sameSection.sectionId} = ${sectionId} then 0.5 else 0 end)
    * power(0.5::float8, extract(epoch from now() - ${sameSection.publishedAt})::float8 / ${sql.raw(String(RELATED_HALF_LIFE_DAYS * 86_400))})`;
  // Ranked on ids and times alone; only the few kept are built into cards. The limits are written
  // into the statement, not bound, so that its plan knows them.
  const ranked = sql`select ${sameSection.id} as id, ${score} as score
      from (select candidate.story_id, sum(candidate.shared) as shared from (${candidates}) candidate
            where candidate.story_id <> ${storyId}
              and candidate.story_id not in (select ${relatedStories.relatedId} from ${relatedStories} where ${relatedStories.storyId} = ${storyId})
            group by candidate.story_id) c
      join ${stories} ${sameSection} on ${sameSection.id} = c.story_id
      where ${publishedNowIn(sameSection)}
      order by score desc, ${sameSection.id} desc
      limit ${sql.raw(String(RELATED_COUNT))}`;
  return sql<JsonSummaryRow[]>`(select coalesce(json_agg(json_build_object(
        'id', ${s.id}, 'slug', ${s.slug}, 'headline', ${s.headline}, 'deck', ${s.deck},
        'sectionName', ${autoSection.name}, 'sectionPath', ${autoSection.path},
        'publishedAt', ${isoTime(s.publishedAt)}, 'revisedAt', ${isoTime(s.revisedAt)}, 'heroAlt', ${s.heroAlt},
        'mediaKey', ${autoMedia.storageKey}, 'mediaWidth', ${autoMedia.width}, 'mediaHeight', ${autoMedia.height})
        order by ranked.score desc, ranked.id desc), '[]')
    from (${ranked}) ranked
    join ${stories} ${s} on ${s.id} = ranked.id
    join ${sections} ${autoSection} on ${autoSection.id} = ${s.sectionId}
    left join ${media} ${autoMedia} on ${autoMedia.id} = ${s.heroMediaId})`;
}

/** A SummaryRow as JSON carries its dates as ISO text. */
type JsonSummaryRow = Omit<SummaryRow, "publishedAt" | "revisedAt"> & { publishedAt: string | null; revisedAt: string | null };

function summaryOfJson(row: JsonSummaryRow): StorySummary {
  return toSummary({ ...row, publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt), revisedAt: row.revisedAt === null ? null : new Date(row.revisedAt) });
}

/**
 * The article in one statement: the story with its bylines, tags, related cards, corrections,
 * comment count, first page of the thread and the comment settings as subqueries (each through
 * its own index), rather than nine round trips each built, sent and mapped on every render. Only
 * stories and images the body itself names take a second read.
 */
function articleQuery(db: Db, visible: SQL | undefined) {
  return db
    .select({
      ...summaryColumns,
      sectionId: stories.sectionId,
      body: stories.body,
      heroCaption: stories.heroCaption,
      heroCredit: stories.heroCredit,
      seoTitle: stories.seoTitle,
      seoDescription: stories.seoDescription,
      commentsOpen: stories.commentsOpen,
      bylines: sql<Byline[]>`(select coalesce(json_agg(json_build_object('name', ${authors.name}, 'slug', ${authors.slug}, 'title', ${authors.title}) order by ${storyAuthors.position}), '[]')
        from ${storyAuthors} join ${authors} on ${authors.id} = ${storyAuthors.authorId} where ${storyAuthors.storyId} = ${stories.id})`,
      tags: sql<Article["tags"]>`(select coalesce(json_agg(json_build_object('name', ${tags.name}, 'slug', ${tags.slug}) order by ${storyTags.position}), '[]')
        from ${storyTags} join ${tags} on ${tags.id} = ${storyTags.tagId} where ${storyTags.storyId} = ${stories.id})`,
      related: relatedCardsJson(stories.id),
      alsoRelated: autoRelatedJson(stories.id, stories.sectionId),
      corrections: sql<Article["corrections"]>`(select coalesce(json_agg(json_build_object('note', ${corrections.note}, 'createdAt', ${isoTime(corrections.createdAt)}) order by ${corrections.createdAt}), '[]')
        from ${corrections} where ${corrections.storyId} = ${stories.id})`,
      commentCount: approvedCountOf(stories.id),
      thread: approvedThreadJson(stories.id, 500),
      commentSettings: storedCommentSettings,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(media, eq(media.id, stories.heroMediaId))
    .where(and(eq(stories.id, sql.placeholder("id")), visible))
    .prepare(visible ? "published_article" : "any_article");
}

/** The statement is built once per database and visibility (drizzle spends ~0.5 ms building it), then only executed. */
const articleQueries = new WeakMap<Db, Map<SQL | undefined, ReturnType<typeof articleQuery>>>();

function preparedArticleQuery(given: Db, visible: SQL | undefined) {
  // Kept for the database it runs on: with read replicas, the one chosen for this request.
  const db = selectingDb(given);
  let byVisibility = articleQueries.get(db);
  if (!byVisibility) articleQueries.set(db, (byVisibility = new Map()));
  let query = byVisibility.get(visible);
  if (!query) {
    byVisibility.set(visible, (query = articleQuery(db, visible)));
    // Planning it cost PGlite as much as running it, on every render.
    keepPlanned(db, query.getQuery().sql);
  }
  return query;
}

async function loadArticle(id: number, visible: SQL | undefined, db: Db): Promise<Article | null> {
  const [row] = await preparedArticleQuery(db, visible).execute({ id });
  if (!row) return null;

  const inlineIds = relatedStoryIds(row.body);
  const imageIds = bodyMediaIds(row.body);
  const [inlineCards, imageRows] = await Promise.all([
    getStorySummaries(inlineIds, db),
    imageIds.length === 0
      ? []
      : db
          .select({ id: media.id, key: media.storageKey, width: media.width, height: media.height })
          .from(media)
          .where(inArray(media.id, imageIds)),
  ]);

  return {
    ...toSummary(row),
    sectionId: row.sectionId,
    body: row.body,
    heroCaption: row.heroCaption,
    heroCredit: row.heroCredit,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    bylines: row.bylines,
    tags: row.tags,
    // The editor's picks first (all of them), then the closest others up to RELATED_COUNT.
    related: [...row.related, ...row.alsoRelated].slice(0, Math.max(row.related.length, RELATED_COUNT)).map(summaryOfJson),
    inlineRelated: Object.fromEntries(inlineCards.map((card) => [card.id, card])),
    bodyMedia: Object.fromEntries(
      imageRows.map((m) => [m.id, { src: mediaUrl(m.key), width: m.width, height: m.height }]),
    ),
    corrections: row.corrections,
    commentCount: row.commentCount,
    commentsOpen: commentsStillOpen({ commentsOpen: row.commentsOpen, publishedAt: row.publishedAt }, commentSettingsFrom(row.commentSettings)),
    thread: row.thread,
  };
}
