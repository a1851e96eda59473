ALTER TABLE "stories" ADD COLUMN "search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "stories_search_idx" ON "stories" USING gin ("search_vector");--> statement-breakpoint
-- hand-written:
-- The words a story is found by, weighted for ranking: headline A; deck, bylines and tags B; the
-- text of the body (every "text" of its document, lib/stories/document.ts) C. Stemmed in English
-- ("closes" finds "closed"); both PGlite and PostgreSQL have the 'english' configuration built in.
-- The one definition of the rule: lib/stories/search-vector.ts calls it in the transaction of every
-- write that changes one of these, and the backfill below.
CREATE FUNCTION story_search_vector(s stories) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', s.headline), 'A')
      || setweight(to_tsvector('english', s.deck), 'B')
      || setweight(to_tsvector('english',
           coalesce((SELECT string_agg(a.name, ' ' ORDER BY sa.position) FROM story_authors sa JOIN authors a ON a.id = sa.author_id WHERE sa.story_id = s.id), '')
           || ' ' ||
           coalesce((SELECT string_agg(t.name, ' ' ORDER BY st.position) FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id), '')), 'B')
      || setweight(jsonb_to_tsvector('english', jsonb_path_query_array(s.body, 'strict $.**.text'), '["string"]'), 'C')
$$;--> statement-breakpoint
UPDATE "stories" SET "search_vector" = story_search_vector("stories");
