-- hand-written: drizzle-kit generated DROP and CREATE of the two indexes; ALTER does the same
-- without rebuilding them (minutes on a large archive).
-- The word indexes (GIN) take each write straight into the index instead of a pending list
-- merged later: every search reads the whole pending list (up to 4 MB), which on PGlite (no
-- autovacuum) only grew, and on PostgreSQL grew between autovacuums. At 100,000 stories on
-- PostgreSQL, the newsroom's picker search read 253 index pages instead of 8 (1.5 ms → 0.06 ms).
-- A save writes its story's words at once instead (a few hundred entries).
ALTER INDEX "media_words_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('media_words_idx');--> statement-breakpoint
ALTER INDEX "stories_search_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('stories_search_idx');--> statement-breakpoint
-- The spelling suggestions' index exists only where pg_trgm does (0018).
DO $$
BEGIN
  IF to_regclass('search_words_trigram_idx') IS NOT NULL THEN
    ALTER INDEX search_words_trigram_idx SET (fastupdate = off);
    PERFORM gin_clean_pending_list('search_words_trigram_idx');
  END IF;
END $$;
