import { and, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { comments, stories, storyRevisions } from "@/db/schema";
import type { Ledger } from "./load";

// After a fault: is every write the load was answered 2xx for in the database, exactly once?

export interface WriteCheck {
  acknowledged: number;
  /** Acknowledged writes found in the database afterwards. */
  found: number;
  lost: number;
  /** Writes stored more than once (a comment key, a save's deck, a new story's headline). */
  duplicated: number;
  /** What is missing or doubled, for the report. */
  problems: string[];
}

export async function checkWrites(db: Db, label: string, ledger: Ledger): Promise<WriteCheck> {
  const problems: string[] = [];
  let found = 0;
  let duplicated = 0;

  // Stored as "<story>:<sender>:<key>"; the load's key is the last part.
  const commentRows = await db
    .select({ key: comments.idempotencyKey, n: sql<number>`count(*)::int` })
    .from(comments)
    .where(like(comments.idempotencyKey, `%:${label}-c%`))
    .groupBy(comments.idempotencyKey);
  const storedComments = new Map(commentRows.map((row) => [row.key!.slice(row.key!.lastIndexOf(":") + 1), row.n]));
  for (const key of ledger.comments) {
    if (storedComments.has(key)) found++;
    else problems.push(`comment ${key} lost`);
  }
  for (const [key, n] of storedComments) {
    if (n > 1) {
      duplicated++;
      problems.push(`comment ${key} stored ${n} times`);
    }
  }

  const storyIds = [...new Set(ledger.saves.map((save) => save.storyId))];
  const revisionRows = storyIds.length
    ? await db
        .select({ storyId: storyRevisions.storyId, revision: storyRevisions.revision, deck: sql<string>`${storyRevisions.snapshot}->>'deck'` })
        .from(storyRevisions)
        .where(and(inArray(storyRevisions.storyId, storyIds), like(sql`${storyRevisions.snapshot}->>'deck'`, `${label}-s%`)))
    : [];
  const byDeck = new Map<string, { storyId: number; revision: number }[]>();
  for (const row of revisionRows) byDeck.set(row.deck, [...(byDeck.get(row.deck) ?? []), row]);
  for (const save of ledger.saves) {
    const rows = byDeck.get(save.deck) ?? [];
    if (rows.some((row) => row.storyId === save.storyId && row.revision === save.revision)) found++;
    else problems.push(`save ${save.deck} (story ${save.storyId}, revision ${save.revision}) lost`);
  }
  for (const [deck, rows] of byDeck) {
    if (rows.length > 1) {
      duplicated++;
      problems.push(`save ${deck} stored as ${rows.length} revisions`);
    }
  }

  const createdRows = await db
    .select({ headline: stories.headline, status: stories.status, id: stories.id })
    .from(stories)
    .where(like(stories.headline, `Fault load ${label} %`));
  const byHeadline = new Map<string, number>();
  for (const row of createdRows) byHeadline.set(row.headline, (byHeadline.get(row.headline) ?? 0) + 1);
  for (const headline of ledger.created) {
    if (byHeadline.has(headline)) found++;
    else problems.push(`story "${headline}" lost`);
  }
  for (const [headline, n] of byHeadline) {
    if (n > 1) {
      duplicated++;
      problems.push(`story "${headline}" created ${n} times`);
    }
  }
  if (ledger.published.length) {
    const rows = await db.select({ id: stories.id }).from(stories).where(and(inArray(stories.id, ledger.published), eq(stories.status, "published")));
    const published = new Set(rows.map((row) => row.id));
    for (const id of ledger.published) {
      if (published.has(id)) found++;
      else problems.push(`story ${id} was answered published but is not`);
    }
  }

  const acknowledged = ledger.comments.length + ledger.saves.length + ledger.created.length + ledger.published.length;
  return { acknowledged, found, lost: acknowledged - found, duplicated, problems };
}
