import { asc, desc, gt, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

// Keyset pagination, once, for every list that pages (public sections, the thread, the
// newsroom's stories, comments, media and audit log): a page starts after the row whose id the
// cursor is, so a deep page costs what the first one does and a row added meanwhile neither
// repeats nor skips one. The cursor row's keys are read in SQL, not sent in the address: a
// JavaScript Date would lose the microseconds PostgreSQL keeps.
//
// The index behind a list is declared ascending on (keys…, id) (db/schema.ts): read backward it
// yields exactly the "desc" order below (PostgreSQL's DESC, nulls first) and the row comparison
// is its index condition, so a page is an index walk, never a sort of the table
// (lib/performance/query-plans.db.test.ts checks every list).

/** How a list is sorted: by `keys` (most significant first), ties broken by `id`, all one way. */
export interface KeysetOrder {
  /** The table `id` belongs to: where the cursor row is looked up. */
  table: PgTable;
  /** Columns or expressions over `table`; none when the list is sorted by id alone. */
  keys: (AnyColumn | SQL)[];
  id: AnyColumn;
  direction: "asc" | "desc";
  /** Picks the cursor row where `id` is not unique in `table`: a link table's row of one tag or author. */
  scope?: SQL;
}

export interface KeysetPage<T> {
  items: T[];
  /** The id of the last item, to start the next page after; null on the last page. */
  nextCursor: number | null;
}

/**
 * The parts of a query for one page after `cursor` (none: the first page): a condition to add to
 * the list's own, the order, and a limit one row over the page so `keysetPage` can tell whether
 * another page follows.
 */
export function keysetQuery(order: KeysetOrder, page: { cursor?: number | null; limit: number }) {
  return {
    where: page.cursor ? afterCursor(order, page.cursor) : undefined,
    orderBy: [...order.keys, order.id].map((key) => (order.direction === "desc" ? desc(key) : asc(key))),
    limit: page.limit + 1,
  };
}

function afterCursor(order: KeysetOrder, cursor: number): SQL {
  const beyond = order.direction === "desc" ? sql.raw("<") : sql.raw(">");
  // Sorted by id alone, the cursor is the key itself, whether or not that row still exists.
  if (order.keys.length === 0) return order.direction === "desc" ? lt(order.id, cursor) : gt(order.id, cursor);
  const row = sql.join([...order.keys, order.id], sql`, `);
  // The subquery names the same table: inside it, its columns are the cursor row's (SQL scoping),
  // compared as one row in the list's order.
  const cursorRow = order.scope ? sql`${order.id} = ${cursor} and ${order.scope}` : sql`${order.id} = ${cursor}`;
  return sql`(${row}) ${beyond} (select ${row} from ${order.table} where ${cursorRow})`;
}

/** The page from the rows of a `keysetQuery` (at most `limit` + 1), and the cursor of the next. */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number): KeysetPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
