import { sql, type SQL } from "drizzle-orm";
import { stories } from "@/db/schema";
import type { Db } from "@/lib/db";

// The story search index: each story's `searchVector` (headline A; deck, bylines and tags B; body
// text C; stemmed in English) and the search that reads it through its GIN index. The words are
// made by the database function story_search_vector (migration 0016_story_search, which also
// backfilled every story), so this file, the migration and the bulk seeds share one definition.
// The newsroom's story list and related-story picker search with it, and so does the public
// search (lib/search/queries.ts).

/** The longest query read; the rest is ignored (the newsroom's search box allows as much). */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Writes the search words of the stories matching `which` (a condition on `stories`), from the
 * story and its bylines and tags as they are in this transaction. Every write that changes one of
 * those calls it after its last write (create, save, a renamed byline, the seeds). Raw SQL: an
 * update through Drizzle would also move `updatedAt`, and a rename is not a change of the story.
 */
export async function refreshSearchVectors(db: Db, which: SQL): Promise<void> {
  await db.execute(sql`update ${stories} set search_vector = story_search_vector(${stories}) where ${which}`);
}

/**
 * What was typed, as it is searched: at most MAX_SEARCH_LENGTH characters, without NUL and broken
 * surrogates (PostgreSQL refuses even to compare them), trimmed.
 */
export function cleanSearchText(text: string): string {
  return text.slice(0, MAX_SEARCH_LENGTH).replace(/[\u0000\p{Cs}]/gu, "").trim();
}

/**
 * What was typed as a tsquery's text, with its size (words and operators), or undefined when there is nothing to search by (empty,
 * only stop words such as "the", only operators). Read as a web search engine does
 * (`websearch_to_tsquery`): "quoted words" as a phrase, `or` between alternatives, `-word` to
 * leave out. With `prefixes`, each word also finds the words it begins ("harb" finds "harbor").
 * Made by the database in a first small statement, so a search carries it as a value and the
 * planner weighs how common its words are. At most MAX_SEARCH_LENGTH characters are read.
 */
export async function searchQueryText(
  db: Db,
  q: string | undefined,
  { prefixes }: { prefixes: boolean },
): Promise<{ query: string; nodes: number } | undefined> {
  const typed = cleanSearchText(q ?? "");
  if (!typed) return undefined;
  const [row] = await db
    .select({
      // Every quoted lexeme of the tsquery's text form gets a prefix mark: 'harb' → 'harb':*.
      query: prefixes ? sql<string>`regexp_replace(q::text, '(''(?:[^'']|'''')*'')', '\\1:*', 'g')` : sql<string>`q::text`,
      nodes: sql<number>`numnode(q)`,
    })
    .from(sql`websearch_to_tsquery('english', ${typed}) q`);
  if (!row || Number(row.nodes) === 0) return undefined;
  return { query: row.query, nodes: Number(row.nodes) };
}

/**
 * The condition "the story matches what was typed" (searchQueryText, each word also finding the
 * words it begins, as the newsroom's other searches do), or undefined when there is nothing to
 * search by.
 */
export async function storySearchMatch(db: Db, q: string | undefined): Promise<SQL | undefined> {
  const parsed = await searchQueryText(db, q, { prefixes: true });
  return parsed === undefined ? undefined : sql`${stories.searchVector} @@ ${parsed.query}::tsquery`;
}
