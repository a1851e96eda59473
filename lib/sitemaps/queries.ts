import { and, asc, between, desc, eq, exists, gt, isNotNull, like, max, or, sql } from "drizzle-orm";
import { alias, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/lib/db";
import { authors, sections, stories, storyAuthors, storyTags, tags } from "@/db/schema";
import { authorPath, tagPath } from "@/lib/routing/public-urls";
import { storyPath } from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";

// What the sitemaps list, read straight from the tables: only what readers may see now
// (`publishedNow`). Story, tag and author sitemaps are pages over fixed id ranges: page n holds
// the ids ((n-1)·size, n·size], so it can never exceed `size` URLs, it is one range scan of a
// primary key however deep the archive, and a story keeps its page for life (a crawler sees
// only the pages that changed). The index counts pages from the highest id that has anything
// published, a backward walk of the primary key that stops at the first hit.
//
// A story's lastmod is greatest(publishedAt, revisedAt): revisedAt is set when readers are shown a
// change ("Updated …"), while updatedAt also moves for saves readers never see, and a crawler
// should not refetch for those. Dates leave this module as ISO strings: results are cached as JSON.

/**
 * URLs per sitemap page. The sitemaps.org limit is 50,000, but a page that size (5.6 MB of XML,
 * built from 50,000 rows) took more than the server's 128 MB heap to render and stopped it
 * (`npm run bench` at 100,000 stories); 10,000 (about 1.1 MB) renders in a fifth of that. Tests
 * pass a smaller size.
 */
export const SITEMAP_PAGE_SIZE = 10_000;

/** The taxonomies with a paged sitemap of their own, besides stories. */
export type Taxonomy = "tags" | "authors";

export interface SitemapEntry {
  path: string;
  lastModified: string;
}

export interface NewsEntry extends SitemapEntry {
  headline: string;
  publishedAt: string;
}

/** How long a story stays in the news sitemap (Google News' rule). */
export const NEWS_WINDOW_MS = 48 * 3_600_000;
export const NEWS_MAX_ITEMS = 1000;

const storyLastModified = sql`greatest(${stories.publishedAt}, ${stories.revisedAt})`;

function idRange(page: number, pageSize: number): [number, number] {
  return [(page - 1) * pageSize + 1, page * pageSize];
}

const pagesUpTo = (maxId: number | null | undefined, pageSize: number) => (maxId ? Math.ceil(maxId / pageSize) : 0);

const laterOf = (a: Date, b: Date | null) => (b && b > a ? b : a);

/** How many story sitemap pages there are. */
export async function countStoryPages(pageSize = SITEMAP_PAGE_SIZE, db: Db = getDb()): Promise<number> {
  const [row] = await db.select({ maxId: max(stories.id) }).from(stories).where(publishedNow);
  return pagesUpTo(row?.maxId, pageSize);
}

/** The published stories of story sitemap page `page` (from 1), in id order. */
export async function listStoryPage(page: number, pageSize = SITEMAP_PAGE_SIZE, db: Db = getDb()): Promise<SitemapEntry[]> {
  const [from, to] = idRange(page, pageSize);
  const rows = await db
    .select({ slug: stories.slug, sectionPath: sections.path, publishedAt: stories.publishedAt, revisedAt: stories.revisedAt })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(publishedNow, between(stories.id, from, to)))
    .orderBy(asc(stories.id));
  return rows.map((row) => ({
    path: storyPath(row.sectionPath, row.slug),
    lastModified: laterOf(row.publishedAt!, row.revisedAt).toISOString(),
  }));
}

/**
 * Every section and the front page. A section changes when it is edited or when a story in it
 * or below it (its page lists those too) is published or revised.
 */
export async function listSectionEntries(db: Db = getDb()): Promise<SitemapEntry[]> {
  const below = alias(sections, "below");
  // Each section's latest change is one backward step of stories_section_changed_idx, whatever
  // the size of the archive.
  const latest = db
    .select({ at: sql<Date | null>`${storyLastModified}`.as("at") })
    .from(stories)
    .where(and(eq(stories.sectionId, below.id), publishedNow))
    .orderBy(desc(storyLastModified))
    .limit(1)
    .as("latest");
  const rows = await db
    .select({ path: sections.path, updatedAt: sections.updatedAt, latest: sql<Date | null>`max(${latest.at})`.mapWith(stories.publishedAt) })
    .from(sections)
    .leftJoin(below, or(eq(below.path, sections.path), like(below.path, sql`${sections.path} || '/%'`)))
    .leftJoinLateral(latest, sql`true`)
    .groupBy(sections.id)
    .orderBy(asc(sections.path));
  const entries = rows.map((row) => ({ path: `/${row.path}`, lastModified: laterOf(row.updatedAt, row.latest) }));
  if (entries.length === 0) return [];
  const home = entries.reduce((latest, entry) => laterOf(latest, entry.lastModified), entries[0]!.lastModified);
  return [{ path: "/", lastModified: home }, ...entries].map((entry) => ({
    path: entry.path,
    lastModified: entry.lastModified.toISOString(),
  }));
}

interface TaxonomyTables {
  table: PgTable;
  id: PgColumn;
  slug: PgColumn;
  link: PgTable;
  linkOwner: PgColumn;
  linkStory: PgColumn;
  /** The link's copy of its story's latest change (db/schema.ts, publicationCopies). */
  linkChanged: PgColumn;
  pathOf: (slug: string) => string;
}

const taxonomies: Record<Taxonomy, TaxonomyTables> = {
  tags: { table: tags, id: tags.id, slug: tags.slug, link: storyTags, linkOwner: storyTags.tagId, linkStory: storyTags.storyId, linkChanged: storyTags.changedAt, pathOf: tagPath },
  authors: {
    table: authors,
    id: authors.id,
    slug: authors.slug,
    link: storyAuthors,
    linkOwner: storyAuthors.authorId,
    linkStory: storyAuthors.storyId,
    linkChanged: storyAuthors.changedAt,
    pathOf: authorPath,
  },
};

/** How many sitemap pages of tags (or authors) there are: up to the last one with a published story. */
export async function countTaxonomyPages(taxonomy: Taxonomy, pageSize = SITEMAP_PAGE_SIZE, db: Db = getDb()): Promise<number> {
  const t = taxonomies[taxonomy];
  const published = db
    .select({ one: sql`1` })
    .from(t.link)
    .innerJoin(stories, eq(stories.id, t.linkStory))
    .where(and(eq(t.linkOwner, t.id), publishedNow));
  // A backward walk of the primary key that stops at the first tag (or author) with a published story.
  const [row] = await db.select({ maxId: sql<number>`${t.id}` }).from(t.table).where(exists(published)).orderBy(desc(t.id)).limit(1);
  return pagesUpTo(row?.maxId, pageSize);
}

/**
 * The tags (or authors) of sitemap page `page` with at least one published story, in id order.
 * Each one's latest change is one backward step of its link table's changed index
 * (story_tags_tag_changed_idx, story_authors_author_changed_idx), past any embargoed story: the
 * cost is the page's tags, whatever the size of the archive.
 */
export async function listTaxonomyPage(
  taxonomy: Taxonomy,
  page: number,
  pageSize = SITEMAP_PAGE_SIZE,
  db: Db = getDb(),
): Promise<SitemapEntry[]> {
  const t = taxonomies[taxonomy];
  const [from, to] = idRange(page, pageSize);
  const latest = db
    .select({ at: sql<Date>`${t.linkChanged}`.mapWith(stories.publishedAt).as("at") })
    .from(t.link)
    .innerJoin(stories, eq(stories.id, t.linkStory))
    .where(and(eq(t.linkOwner, t.id), isNotNull(t.linkChanged), publishedNow))
    .orderBy(desc(t.linkChanged))
    .limit(1)
    .as("latest");
  const rows = await db
    .select({ slug: sql<string>`${t.slug}`, latest: latest.at })
    .from(t.table)
    .innerJoinLateral(latest, sql`true`)
    .where(between(t.id, from, to))
    .orderBy(asc(t.id));
  return rows.map((row) => ({ path: t.pathOf(row.slug), lastModified: row.latest.toISOString() }));
}

/** Stories published in the 48 hours before `now`, newest first, at most NEWS_MAX_ITEMS. */
export async function listNewsEntries(now: Date, db: Db = getDb()): Promise<NewsEntry[]> {
  const rows = await db
    .select({
      slug: stories.slug,
      sectionPath: sections.path,
      headline: stories.headline,
      publishedAt: stories.publishedAt,
      revisedAt: stories.revisedAt,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(publishedNow, gt(stories.publishedAt, new Date(now.getTime() - NEWS_WINDOW_MS))))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(NEWS_MAX_ITEMS);
  return rows.map((row) => ({
    path: storyPath(row.sectionPath, row.slug),
    headline: row.headline,
    publishedAt: row.publishedAt!.toISOString(),
    lastModified: laterOf(row.publishedAt!, row.revisedAt).toISOString(),
  }));
}
