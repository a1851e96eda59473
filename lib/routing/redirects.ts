import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/transaction";
import { redirects } from "@/db/schema";

// The redirects table's writes, in one place: a story that moves (its slug, or its section), a
// section that moves (its slug, or its parent) and an author whose slug changes keep answering at
// their old addresses with a 301, and an address that is live again (a story's, a section's or an
// author's current one) is never itself a redirect — no loops, nothing shadowed. Stories, sections
// and authors call these inside their own transactions; lib/routing/path-rules.ts reads the table.

/** Batches keep each statement well under PostgreSQL's limit on parameters. */
const BATCH = 1000;

function batches<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));
}

/** Old addresses that now lead to a story; an address already leading elsewhere is taken over. */
export async function keepOldAddresses(tx: Tx, moves: { fromPath: string; storyId: number }[]): Promise<void> {
  for (const batch of batches(moves)) {
    await tx
      .insert(redirects)
      .values(batch)
      .onConflictDoUpdate({ target: redirects.fromPath, set: { storyId: sql`excluded.story_id`, sectionId: null, authorId: null } });
  }
}

/**
 * Old addresses of sections (`/news/us`: the page, and with it its feed), each leading to the
 * section wherever it is now; an address already leading elsewhere is taken over.
 */
export async function keepOldSectionAddresses(tx: Tx, moves: { fromPath: string; sectionId: number }[]): Promise<void> {
  for (const batch of batches(moves)) {
    await tx
      .insert(redirects)
      .values(batch)
      .onConflictDoUpdate({ target: redirects.fromPath, set: { sectionId: sql`excluded.section_id`, storyId: null, authorId: null } });
  }
}

/**
 * An author's old page (`/authors/old-slug`, and with it its feed), leading to the author's page
 * whatever its slug is now; an address already leading elsewhere is taken over.
 */
export async function keepOldAuthorAddress(tx: Tx, move: { fromPath: string; authorId: number }): Promise<void> {
  await tx
    .insert(redirects)
    .values(move)
    .onConflictDoUpdate({ target: redirects.fromPath, set: { authorId: move.authorId, storyId: null, sectionId: null } });
}

/**
 * Addresses of stories deleted for good, answering 410 from now on (a row with no target); an
 * address that already leads somewhere keeps doing so.
 */
export async function keepGoneAddresses(tx: Tx, paths: string[]): Promise<void> {
  for (const batch of batches([...new Set(paths)])) {
    await tx
      .insert(redirects)
      .values(batch.map((fromPath) => ({ fromPath })))
      .onConflictDoNothing({ target: redirects.fromPath });
  }
}

/** Addresses in use again: whatever redirect they held gives way to the page that lives there. */
export async function clearRedirectsAt(tx: Tx, paths: string[]): Promise<void> {
  for (const batch of batches(paths)) await tx.delete(redirects).where(inArray(redirects.fromPath, batch));
}
