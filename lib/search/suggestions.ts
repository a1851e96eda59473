import { desc, eq, sql } from "drizzle-orm";
import { searchWords, stories } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { getSetting, setSetting } from "@/lib/settings/store";
import { publishedNow } from "@/lib/stories/visibility";

// Spelling suggestions for a search that found nothing, from the archive's own words: the words
// of published stories' headlines and decks (table search_words), matched by trigram similarity
// (pg_trgm). Where the server has no pg_trgm (the migration then made no index) there are no
// suggestions, and nothing else changes.
//
// The words are rebuilt from the stories rather than kept on every save (a story's words would
// need counting in and out on every edit, publish and unpublish), and a slice of stories at a
// time: reading the words of 100,000 headlines and decks at once takes 3.5 s, and on PGlite
// nothing else runs meanwhile (a step of SLICE_IDS: 40–50 ms). The server's sweep (scripts/serve.ts, every 5 s) reads
// SLICE_IDS stories a step; a pass over the archive starts every SEARCH_WORDS_EVERY_MS at most,
// marks every word it sees with its start, and at its end removes the words it did not see: a new
// story's words are suggested within a pass or so, and a withdrawn story's stop being at the next
// pass's end (about ten minutes at 100,000 stories). Reading headlines and decks, not bodies,
// keeps a step short. Every instance sweeps, and they share one pass (sweepSearchWordsStep).

/** A pass over the archive starts at most this often. */
const SEARCH_WORDS_EVERY_MS = 10 * 60_000;
/** Story ids read in one step of a pass. */
const SLICE_IDS = 1000;
/** Words suggested for at most this many words typed. */
const MAX_WORDS_CHECKED = 6;
/** A word shorter than this is not corrected (too many neighbours), nor one longer than this. */
const MIN_WORD = 3;
const MAX_WORD = 40;

/**
 * One step of the pass started at `pass` (epoch seconds): the words of the published stories with
 * ids from `fromId` on, `sliceIds` of them, counted in; the last step (no story beyond) removes the
 * words the pass did not see. Returns the next step's first id, or null when the pass is over.
 */
export async function refreshSearchWordsStep(db: Db, pass: number, fromId: number, sliceIds = SLICE_IDS): Promise<number | null> {
  const toId = fromId + sliceIds;
  const [beyond] = await db.select({ any: sql<boolean>`exists (select 1 from ${stories} where ${stories.id} >= ${toId})` }).from(sql`(select 1) one`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into ${searchWords} (word, stories, pass)
      select lexeme, count(*)::int, ${pass}::bigint
      from ${stories}, unnest(to_tsvector('simple', ${stories.headline} || ' ' || ${stories.deck})) as u
      where ${stories.id} >= ${fromId} and ${stories.id} < ${toId} and ${publishedNow}
        and length(lexeme) between ${MIN_WORD} and ${MAX_WORD} and lexeme ~ '^[[:alpha:]]+$'
      group by lexeme
      on conflict (word) do update set
        stories = case when ${searchWords.pass} = excluded.pass then ${searchWords.stories} + excluded.stories
                       when ${searchWords.pass} < excluded.pass then excluded.stories else ${searchWords.stories} end,
        pass = greatest(${searchWords.pass}, excluded.pass)`);
    // A pass that started earlier on another instance never removes what a later one saw.
    if (!beyond?.any) await tx.execute(sql`delete from ${searchWords} where ${searchWords.pass} < ${pass}`);
  });
  return beyond?.any ? toId : null;
}

/** A whole pass at once (tests, and scripts that have the database to themselves). */
export async function refreshSearchWords(db: Db = getDb(), pass = Math.floor(Date.now() / 1000)): Promise<void> {
  let next: number | null = 0;
  while (next !== null) next = await refreshSearchWordsStep(db, pass, next, 50_000);
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

/** Where the pass in progress is kept, for every instance: its start (epoch seconds) and its next step's first id (null: over). */
const PASS_SETTING = "search_words_pass";
interface PassState {
  pass: number;
  next: number | null;
}
/** Any constant works; it only has to be the same for every instance of this application. */
const SEARCH_WORDS_LOCK = 7_361_002;

/**
 * One step of the pass in progress, or the start of a new pass when one is due, for whichever
 * instance comes first: the pass and its position are kept in the database, and one instance
 * at a time takes a step (the others skip this sweep), so each slice is counted once per pass
 * however many instances sweep.
 */
export async function sweepSearchWordsStep(db: Db, every = SEARCH_WORDS_EVERY_MS, now = Date.now()): Promise<void> {
  await db.transaction(async (tx) => {
    const [lock] = await tx.select({ taken: sql<boolean>`pg_try_advisory_xact_lock(${SEARCH_WORDS_LOCK})` }).from(sql`(select 1) one`);
    if (!lock?.taken) return;
    const state = (await getSetting<PassState>(PASS_SETTING, tx)) ?? { pass: 0, next: null };
    let { pass, next } = state;
    if (next === null) {
      const start = Math.floor(now / 1000);
      if ((start - pass) * 1000 < every) return;
      pass = start;
      next = 0;
    }
    next = await refreshSearchWordsStep(tx, pass, next);
    await setSetting(PASS_SETTING, { pass, next } satisfies PassState, tx);
  });
}

/** For the server's sweep: sweepSearchWordsStep, never two at once from one instance. */
export function searchWordsSweeper(db: () => Db = getDb, every = SEARCH_WORDS_EVERY_MS): () => Promise<void> {
  let running = false;
  return async () => {
    // A step still running when the next sweep comes (a slow database) is not run twice.
    if (running) return;
    running = true;
    try {
      await sweepSearchWordsStep(db(), every);
    } finally {
      running = false;
    }
  };
}
