import { and, desc, ilike, or, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { containsPattern, searchWords } from "@/db/search";
import { media } from "@/db/schema";
import { mediaUrl } from "./urls";

export interface LibraryItem {
  id: number;
  src: string;
  /** The smallest stored copy, for thumbnails. */
  thumb: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  createdAt: string;
}

/** The media library, newest first, optionally searched in alt text, caption and credit. */
export async function listMedia(options: { q?: string; limit?: number } = {}, db: Db = getDb()): Promise<LibraryItem[]> {
  const conditions: SQL[] = [];
  for (const word of searchWords(options.q)) {
    const pattern = containsPattern(word);
    conditions.push(or(ilike(media.alt, pattern), ilike(media.caption, pattern), ilike(media.credit, pattern))!);
  }
  const rows = await db
    .select()
    .from(media)
    .where(and(...conditions))
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(Math.min(options.limit ?? 48, 200));
  return rows.map((row) => ({
    id: row.id,
    src: mediaUrl(row.storageKey),
    thumb: mediaUrl(row.variants[0]?.storageKey ?? row.storageKey),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    width: row.width,
    height: row.height,
    createdAt: row.createdAt.toISOString(),
  }));
}
