import { and, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { media } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { keysetPage, keysetQuery, type KeysetOrder } from "./keyset";

// Walking a list page by page must give every row once, in the list's order: with ties on the
// sort key, times a microsecond apart (a JavaScript Date cannot tell them apart), an expression
// as a key, and either direction.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  const instants = ["09:00:00", "09:00:00", "09:00:00.000001", "09:00:00.000002", "09:05:00", "09:05:00", "09:07:00", "08:00:00", "09:00:00.000001"];
  for (const [i, instant] of instants.entries()) {
    await test.db.insert(media).values({
      storageKey: `keyset/${i}.jpg`,
      mimeType: "image/jpeg",
      width: 10 + (i % 3),
      height: 10,
      bytes: 1,
      alt: `image ${i}`,
      createdAt: sql`${`2026-03-01T${instant}Z`}::timestamptz`,
    });
  }
});

afterAll(async () => {
  await test.dispose();
});

const wide = sql<number>`(case when ${media.width} > 10 then 1 else 0 end)`;
const orders: Record<string, KeysetOrder> = {
  "newest first": { table: media, keys: [media.createdAt], id: media.id, direction: "desc" },
  "oldest first": { table: media, keys: [media.createdAt], id: media.id, direction: "asc" },
  "by id alone": { table: media, keys: [], id: media.id, direction: "desc" },
  "wide ones first, then newest": { table: media, keys: [wide, media.createdAt], id: media.id, direction: "desc" },
};

async function ids(order: KeysetOrder, cursor: number | undefined, limit: number) {
  const query = keysetQuery(order, { cursor, limit });
  const rows = await test.db.select({ id: media.id }).from(media).where(and(query.where)).orderBy(...query.orderBy).limit(query.limit);
  return keysetPage(rows, limit);
}

describe("keysetQuery and keysetPage, walked to the end", () => {
  const cases = Object.keys(orders).flatMap((name) => [1, 2, 4, 9, 20].map((limit) => ({ name, limit })));

  it.each(cases)("$name, $limit a page", async ({ name, limit }) => {
    const order = orders[name]!;
    const everything = (await ids(order, undefined, 1000)).items.map((row) => row.id);
    expect(everything).toHaveLength(9);
    const walked: number[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await ids(order, cursor, limit);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      walked.push(...page.items.map((row) => row.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(walked).toEqual(everything);
  });
});
