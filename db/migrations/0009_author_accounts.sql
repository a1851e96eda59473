CREATE UNIQUE INDEX "authors_user_id_key" ON "authors" USING btree ("user_id");--> statement-breakpoint
-- Every staff account gets its own author profile (lib/authors/accounts.ts does it for accounts made
-- from now on): accounts of an existing newsroom get one here, with a slug from the name made
-- unique by a number, as the code does.
DO $$
DECLARE
  person record;
  base text;
  candidate text;
  n integer;
BEGIN
  FOR person IN SELECT u.id, u.name FROM users u WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.user_id = u.id) ORDER BY u.id LOOP
    base := left(trim(both '-' from regexp_replace(lower(person.name), '[^a-z0-9]+', '-', 'g')), 60);
    base := trim(both '-' from base);
    IF base = '' THEN base := 'author'; END IF;
    candidate := base;
    n := 1;
    WHILE EXISTS (SELECT 1 FROM authors a WHERE a.slug = candidate) LOOP
      n := n + 1;
      candidate := base || '-' || n;
    END LOOP;
    INSERT INTO authors (slug, name, user_id) VALUES (candidate, person.name, person.id);
  END LOOP;
END
$$;
