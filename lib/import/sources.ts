import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import { importSources } from "@/db/schema";

// The import's memory (import_sources): which row each item of an archive became. Read once per
// run for the kinds stories refer to; written in the transaction that makes the row, so an item
// is either made and remembered or neither.

export type SourceKind = "story" | "section" | "tag" | "author" | "media" | "comment";

/** The rows already made from `source`, of one kind, by the export's id. */
export async function readSourceMap(db: Db, source: string, kind: SourceKind): Promise<Map<string, number>> {
  const rows = await db
    .select({ sourceId: importSources.sourceId, targetId: importSources.targetId })
    .from(importSources)
    .where(and(eq(importSources.source, source), eq(importSources.kind, kind)));
  return new Map(rows.map((row) => [row.sourceId, row.targetId]));
}

export async function rememberSources(tx: Tx | Db, source: string, kind: SourceKind, pairs: [sourceId: string, targetId: number][]): Promise<void> {
  for (let start = 0; start < pairs.length; start += 1000) {
    const batch = pairs.slice(start, start + 1000);
    await tx
      .insert(importSources)
      .values(batch.map(([sourceId, targetId]) => ({ source, kind, sourceId, targetId })))
      .onConflictDoNothing();
  }
}
