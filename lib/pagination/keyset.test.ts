import { describe, expect, it } from "vitest";
import { keysetPage } from "./keyset";

// The tail of every paged list: a page of at most `limit`, and a cursor only when a row is left over.

describe("keysetPage", () => {
  it.each([
    { rows: [], limit: 3, items: [], nextCursor: null },
    { rows: [1, 2], limit: 3, items: [1, 2], nextCursor: null },
    { rows: [1, 2, 3], limit: 3, items: [1, 2, 3], nextCursor: null },
    { rows: [1, 2, 3, 4], limit: 3, items: [1, 2, 3], nextCursor: 3 },
  ])("$rows.length rows for a page of $limit", ({ rows, limit, items, nextCursor }) => {
    const page = keysetPage(rows.map((id) => ({ id })), limit);
    expect(page.items.map((row) => row.id)).toEqual(items);
    expect(page.nextCursor).toBe(nextCursor);
  });
});
