// Word search: what every "search by words" box in the newsroom uses — ILIKE for short lists,
// full-text prefixes (`startsOfWords`) where an archive-sized table has a words index. Text
// helpers of the domains' queries, not of the database layer, so they live in lib/.

import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";

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
 * condition on `vector` (db/schema.ts `searchVector`, GIN-indexed); undefined when nothing is
 * left to match. The typed words are split by the database's own parser, the one that split the
 * texts, in a first small query: the search itself then carries its words as a value, so the
 * planner can weigh how common they are (a word in every headline reads the index of the rare
 * one). A word with no letter or digit filters nothing.
 */
export async function startsOfWords(db: Db, vector: SQL, words: string[]): Promise<SQL | undefined> {
  const typed = words.filter((word) => /[\p{L}\p{N}]/u.test(word)).join(" ");
  if (!typed) return undefined;
  const [row] = await db
    .select({ query: sql<string | null>`string_agg(quote_literal(lexeme) || ':*', ' & ')` })
    .from(sql`unnest(to_tsvector('simple', ${typed}))`);
  return row?.query ? sql`${vector} @@ to_tsquery('simple', ${row.query})` : undefined;
}
