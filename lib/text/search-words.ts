// Word search with ILIKE: what every "search by words" box in the newsroom uses. Text helpers of
// the domains' queries, not of the database layer, so they live in lib/.

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
