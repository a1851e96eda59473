import { desc, eq, sql } from "drizzle-orm";
import { searchWords, stories } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { publishedNow } from "@/lib/stories/visibility";

// Spelling suggestions for a search that found nothing, from the archive's own words: the words
// of published stories' headlines and decks (table search_words), matched by trigram similarity
// (pg_trgm). Where the server has no pg_trgm (the migration then made no index) there are no
// suggestions, and nothing else changes.
//
// The words are rebuilt from the stories in one statement (refreshSearchWords) rather than on
// every save: a story's words would need counting in and out on every edit, publish and
// unpublish. The server rebuilds them when it starts and every SEARCH_WORDS_EVERY_MS after
// (scripts/serve.ts, through searchWordsSweeper), so a new story's words are suggested within
// that time, and a withdrawn story's words stop being suggested within it. Reading headlines and
// decks only keeps a rebuild short at 100,000 stories (README, "Search").

/** How often the server rebuilds the words. */
export const SEARCH_WORDS_EVERY_MS = 10 * 60_000;
/** Words suggested for at most this many words typed. */
const MAX_WORDS_CHECKED = 6;
/** A word shorter than this is not corrected (too many neighbours), nor one longer than this. */
const MIN_WORD = 3;
const MAX_WORD = 40;

/** Rebuilds search_words from the published stories: their headlines' and decks' words, unstemmed. */
export async function refreshSearchWords(db: Db = getDb()): Promise<void> {
  const words = sql`select lexeme as word, count(*)::int as stories
    from ${stories}, unnest(to_tsvector('simple', ${stories.headline} || ' ' || ${stories.deck})) as u
    where ${publishedNow} and length(lexeme) between ${MIN_WORD} and ${MAX_WORD} and lexeme ~ '^[[:alpha:]]+$'
    group by lexeme`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from ${searchWords} where ${searchWords.word} not in (select word from (${words}) w)`);
    await tx.execute(
      sql`insert into ${searchWords} (word, stories) select word, stories from (${words}) w
        on conflict (word) do update set stories = excluded.stories where ${searchWords.stories} <> excluded.stories`,
    );
  });
}

/** Whether the database can match words by similarity (pg_trgm installed), asked once per database. */
const trigramsIn = new WeakMap<Db, Promise<boolean>>();
function hasTrigrams(db: Db): Promise<boolean> {
  let known = trigramsIn.get(db);
  if (!known) {
    known = db
      .select({ installed: sql<boolean>`exists (select 1 from pg_extension where extname = 'pg_trgm')` })
      .from(sql`(select 1) one`)
      .then(([row]) => row?.installed === true);
    trigramsIn.set(db, known);
  }
  return known;
}

/**
 * What was typed with each word the archive does not have replaced by the archive's closest word,
 * or null when no word needs replacing, none has a close neighbour, or there is no pg_trgm.
 */
export async function suggestSpelling(q: string, db: Db = getDb()): Promise<string | null> {
  if (!(await hasTrigrams(db))) return null;
  const typed = q.toLowerCase().match(/\p{L}+/gu) ?? [];
  const checked = [...new Set(typed.filter((word) => word.length >= MIN_WORD && word.length <= MAX_WORD))].slice(0, MAX_WORDS_CHECKED);
  const replacements = new Map<string, string>();
  for (const word of checked) {
    const [known] = await db.select({ word: searchWords.word }).from(searchWords).where(eq(searchWords.word, word));
    if (known) continue;
    const [closest] = await db
      .select({ word: searchWords.word })
      .from(searchWords)
      .where(sql`${searchWords.word} % ${word}`)
      .orderBy(desc(sql`similarity(${searchWords.word}, ${word})`), desc(searchWords.stories), searchWords.word)
      .limit(1);
    if (closest) replacements.set(word, closest.word);
  }
  if (replacements.size === 0) return null;
  return q.replace(/\p{L}+/gu, (word) => replacements.get(word.toLowerCase()) ?? word);
}

/** For the server's sweep: rebuilds the words now, then again when SEARCH_WORDS_EVERY_MS have passed. */
export function searchWordsSweeper(db: () => Db = getDb, every = SEARCH_WORDS_EVERY_MS): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    if (Date.now() - last < every) return;
    last = Date.now();
    await refreshSearchWords(db());
  };
}
