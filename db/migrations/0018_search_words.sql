CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL,
	"stories" integer NOT NULL,
	"pass" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "stories_headline_words_idx";
--> statement-breakpoint
-- hand-written:
-- Spelling suggestions match words by trigram similarity (pg_trgm). PGlite loads the extension
-- (db/client.ts); a PostgreSQL server may not have it, or may not let this role create it: then
-- the migration goes on without it and the search simply makes no suggestions
-- (lib/search/suggestions.ts asks pg_extension).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS search_words_trigram_idx ON search_words USING gin (word gin_trgm_ops);
  END IF;
EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
  RAISE NOTICE 'pg_trgm is not available: the search will make no spelling suggestions';
END $$;
