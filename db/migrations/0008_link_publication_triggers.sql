-- The publication copies on story_tags and story_authors (db/schema.ts, publicationCopies), kept by
-- the database in the transaction of every write, whichever code makes it: publish, unpublish,
-- the scheduled-publishing sweeper, corrections and saves that move revised_at, retagging, new
-- bylines, bulk seeds. Deleting a story deletes its links (on delete cascade).
--
-- The rule, written once, in the trigger every link row passes through when it is written: while
-- its story's status is published, a link carries the story's published_at and
-- greatest(published_at, revised_at); otherwise both are null.
CREATE FUNCTION story_link_take_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT CASE WHEN s.status = 'published' THEN s.published_at END,
         CASE WHEN s.status = 'published' THEN greatest(s.published_at, s.revised_at) END
  INTO NEW.published_at, NEW.changed_at
  FROM stories s WHERE s.id = NEW.story_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER story_tags_take_publication BEFORE INSERT OR UPDATE OF story_id ON story_tags
  FOR EACH ROW EXECUTE FUNCTION story_link_take_publication();--> statement-breakpoint
CREATE TRIGGER story_authors_take_publication BEFORE INSERT OR UPDATE OF story_id ON story_authors
  FOR EACH ROW EXECUTE FUNCTION story_link_take_publication();--> statement-breakpoint
-- A story whose status or times change has its links take the copy again: setting story_id to
-- itself passes each link through the trigger above, which reads the story as it now is.
CREATE FUNCTION story_pass_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE story_tags SET story_id = story_id WHERE story_id = NEW.id;
  UPDATE story_authors SET story_id = story_id WHERE story_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER stories_pass_publication AFTER UPDATE OF status, published_at, revised_at ON stories
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.revised_at IS DISTINCT FROM NEW.revised_at)
  EXECUTE FUNCTION story_pass_publication();--> statement-breakpoint
-- The links that exist already.
UPDATE story_tags SET story_id = story_id WHERE story_id IN (SELECT id FROM stories WHERE status = 'published');--> statement-breakpoint
UPDATE story_authors SET story_id = story_id WHERE story_id IN (SELECT id FROM stories WHERE status = 'published');
