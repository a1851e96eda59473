import { and, desc, eq, exists, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { authors, stories, storyAuthors } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { sectionSubtreeIds, type SectionTree } from "@/lib/sections/queries";
import { siteTimeZone } from "@/lib/settings/time-zone";
import { getStorySummaries, type StorySummary } from "@/lib/stories/queries";
import { searchQueryText } from "@/lib/stories/search-vector";
import { publishedNow } from "@/lib/stories/visibility";
import { MARK_END, MARK_START } from "./marks";
import type { SearchRequest } from "./params";

// The public search (/search): published stories only, through the story search index
// (lib/stories/search-vector.ts: headline A; deck, bylines, tags B; body C), ranked by relevance
// with a boost for recent stories, a page at a time.
//
// What a query costs is bounded, whatever is typed: the text is cut at MAX_SEARCH_LENGTH and
// must make at most MAX_QUERY_NODES tsquery nodes; the GIN index finds the matches, and only the
// CANDIDATES most recent of them (by publication, the stories_published_idx order) are ranked.
// The trade-off: a word in thousands of stories ranks the newest thousand only, so an old story
// that matches a common word alone is not found (a rarer word of it finds it). Ranking every match
// of a common word at 100,000 stories means reading every match's words: tens of milliseconds.
//
// The score is ln(ts_rank_cd) + publication time / RECENCY_SECONDS: relevance, halved for every
// HALF_LIFE_DAYS of age. Written that way it does not depend on the clock, so a story's score is
// the same on every page and the cursor (the last story of a page, its score read again in SQL)
// neither repeats nor skips. `ts_headline` runs on the page's rows only.

/** Stories per page. */
export const SEARCH_PAGE_SIZE = 20;
/** The most recent matches ranked per query (see above). */
const CANDIDATES = 1000;
/** Beyond this a query is refused as too complicated (websearch_to_tsquery's nodes: words and operators). */
const MAX_QUERY_NODES = 32;
const HALF_LIFE_DAYS = 180;
const RECENCY_SECONDS = (HALF_LIFE_DAYS * 86_400) / Math.LN2;

export interface SearchHit {
  story: StorySummary;
  /** The headline with its matching words between MARK_START and MARK_END. */
  headline: string;
  /** A passage of the deck and body around the matching words, marked the same way. */
  snippet: string;
}

export type SearchOutcome =
  | { kind: "empty" }
  | { kind: "nothing-to-search" }
  | { kind: "too-complex" }
  | { kind: "unknown-section" }
  | { kind: "unknown-author" }
  | { kind: "results"; hits: SearchHit[]; nextCursor: number | null };

/** The relevance score of a row of `stories` (or of the candidates) for the tsquery `query`. */
function scoreOf(vector: SQL | typeof stories.searchVector, publishedAt: SQL | typeof stories.publishedAt, query: SQL): SQL<number> {
  return sql<number>`(ln(greatest(ts_rank_cd(${vector}, ${query}, 1), 1e-6)) + extract(epoch from ${publishedAt}) / ${sql.raw(String(RECENCY_SECONDS))})`;
}

/** The filters as conditions on `stories`, or the filter that names nothing on this site. */
async function filtersOf(request: SearchRequest, tree: SectionTree, db: Db): Promise<SQL[] | "unknown-section" | "unknown-author"> {
  const conditions: SQL[] = [];
  if (request.section) {
    // Own keys only: "constructor" is a well-formed path too.
    const section = Object.hasOwn(tree.byPath, request.section) ? tree.byPath[request.section] : undefined;
    if (!section) return "unknown-section";
    conditions.push(inArray(stories.sectionId, sectionSubtreeIds(section)));
  }
  if (request.author) {
    const [author] = await db.select({ id: authors.id }).from(authors).where(eq(authors.slug, request.author));
    if (!author) return "unknown-author";
    conditions.push(exists(db.select({ one: sql`1` }).from(storyAuthors).where(and(eq(storyAuthors.storyId, stories.id), eq(storyAuthors.authorId, author.id)))));
  }
  // Days are the site's days (its time zone), as dates are printed.
  const zone = siteTimeZone();
  if (request.from) conditions.push(gte(stories.publishedAt, sql`(${request.from}::date)::timestamp at time zone ${zone}`));
  if (request.to) conditions.push(lt(stories.publishedAt, sql`((${request.to}::date + 1)::timestamp) at time zone ${zone}`));
  return conditions;
}

/** The page's rows with their marked headline and snippet, in the page's order. */
async function highlight(ids: number[], query: SQL, db: Db): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const clean = (text: SQL) => sql`translate(${text}, ${MARK_START + MARK_END}, '')`;
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}`;
  const text = sql`${stories.deck} || ' ' || coalesce((select string_agg(t #>> '{}', ' ') from jsonb_array_elements(jsonb_path_query_array(${stories.body}, 'strict $.**.text')) t), '')`;
  const [cards, rows] = await Promise.all([
    getStorySummaries(ids, db),
    db
      .select({
        id: stories.id,
        headline: sql<string>`ts_headline('english', ${clean(sql`${stories.headline}`)}, ${query}, ${`${options}, HighlightAll=true`})`,
        snippet: sql<string>`ts_headline('english', ${clean(text)}, ${query}, ${`${options}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`})`,
      })
      .from(stories)
      .where(and(inArray(stories.id, ids), publishedNow)),
  ]);
  const marked = new Map(rows.map((row) => [row.id, row]));
  return cards.flatMap((story) => {
    const row = marked.get(story.id);
    return row ? [{ story, headline: row.headline, snippet: row.snippet }] : [];
  });
}

/** One page of the public search for `request` (already read by readSearchParams). */
export async function searchStories(request: SearchRequest, tree: SectionTree, db: Db = getDb()): Promise<SearchOutcome> {
  if (!request.q) return { kind: "empty" };
  const parsed = await searchQueryText(db, request.q, { prefixes: false });
  if (parsed === undefined) return { kind: "nothing-to-search" };
  if (parsed.nodes > MAX_QUERY_NODES) return { kind: "too-complex" };
  const filters = await filtersOf(request, tree, db);
  if (!Array.isArray(filters)) return { kind: filters };
  const query = sql`${parsed.query}::tsquery`;
  const candidates = db
    .select({ id: stories.id, vector: stories.searchVector, publishedAt: stories.publishedAt })
    .from(stories)
    .where(and(sql`${stories.searchVector} @@ ${query}`, publishedNow, ...filters))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(CANDIDATES)
    .as("candidates");
  const score = scoreOf(sql`${candidates.vector}`, sql`${candidates.publishedAt}`, query);
  const after = request.after
    ? sql`(${score}, ${candidates.id}) < ((select ${scoreOf(stories.searchVector, stories.publishedAt, query)} from ${stories} where ${stories.id} = ${request.after}), ${request.after})`
    : undefined;
  const rows = await db
    .select({ id: candidates.id })
    .from(candidates)
    .where(after)
    .orderBy(desc(score), desc(candidates.id))
    .limit(SEARCH_PAGE_SIZE + 1);
  const page = rows.slice(0, SEARCH_PAGE_SIZE).map((row) => row.id);
  const hits = await highlight(page, query, db);
  return {
    kind: "results",
    hits,
    nextCursor: rows.length > SEARCH_PAGE_SIZE ? (page.at(-1) ?? null) : null,
  };
}

/** Authors with a story readers can see, by name: the search form's choices. */
export async function listSearchAuthors(db: Db = getDb()): Promise<{ slug: string; name: string }[]> {
  return db
    .select({ slug: authors.slug, name: authors.name })
    .from(authors)
    .where(
      exists(
        db
          .select({ one: storyAuthors.storyId })
          .from(storyAuthors)
          .innerJoin(stories, eq(stories.id, storyAuthors.storyId))
          .where(and(eq(storyAuthors.authorId, authors.id), publishedNow)),
      ),
    )
    .orderBy(authors.name, authors.slug);
}
