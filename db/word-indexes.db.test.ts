import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing";

// The word indexes (GIN: story and media search, spelling suggestions) take each write straight
// in (migration 0019): with a pending list, every search reads all of it, and on PGlite, which
// never vacuums by itself, it only grows.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

interface GinIndex {
  name: string;
  options: string[] | null;
}

async function ginIndexes(): Promise<GinIndex[]> {
  const result = (await test.db.execute(sql`
    select c.relname as name, c.reloptions as options
    from pg_class c join pg_am am on am.oid = c.relam
    where am.amname = 'gin' and c.relnamespace = current_schema()::regnamespace
    order by c.relname`)) as unknown as { rows: GinIndex[] } | GinIndex[];
  return Array.isArray(result) ? result : result.rows;
}

it("keeps no pending list on any word index", async () => {
  const indexes = await ginIndexes();
  expect(indexes.map((index) => index.name)).toEqual(expect.arrayContaining(["media_words_idx", "stories_search_idx", "search_words_trigram_idx"]));
  for (const index of indexes) expect({ name: index.name, options: index.options }).toEqual({ name: index.name, options: expect.arrayContaining(["fastupdate=off"]) });
});
