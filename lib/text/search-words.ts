// Word search: what every "search by words" box in the newsroom uses — ILIKE for short lists,
// full-text prefixes (`startsOfWords`) where an archive-sized table has a words index. Text
// helpers of the domains' queries, not of the database layer, so they live in lib/.

import { sql, type SQL } from "drizzle-orm";

/**
 * The words of a query, at most `limit` of them. NUL and broken surrogates, which PostgreSQL
 * cannot even compare against, are dropped: no stored text contains them.
 */
export function searchWords(q: string | undefined, limit = 6): string[] {
  return (q ?? "")
    .replace(/[\u0000\p{Cs}]/gu, "")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, limit);
}

/** An ILIKE pattern matching `word` anywhere, with %, _ and \ taken literally. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Texts with, for each word typed, a word that starts with it ("harb" finds "Harbor"), as a
 * condition on `vector` (db/schema.ts `searchVector`, GIN-indexed). The typed words are split into
 * words by the database's own parser, the same that split the texts; a word with no letter or
 * digit filters nothing. Undefined when nothing is left to match.
 */
export function startsOfWords(vector: SQL, words: string[]): SQL | undefined {
  const typed = words.filter((word) => /[\p{L}\p{N}]/u.test(word)).join(" ");
  if (!typed) return undefined;
  const prefixes = sql`(select string_agg(quote_literal(lexeme) || ':*', ' & ') from unnest(to_tsvector('simple', ${typed})))`;
  return sql`${vector} @@ to_tsquery('simple', coalesce(${prefixes}, ''))`;
}
