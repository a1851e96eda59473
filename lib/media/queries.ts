import { and, desc, ilike, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { containsPattern, searchWords } from "@/lib/text/search-words";
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

export interface LibraryFilters {
  /** Words of the alt text, caption or credit. */
  q?: string;
  /** Id of the last image of the previous page (newest first). */
  before?: number;
  limit?: number;
}

/** The media library, newest first, optionally searched in alt text, caption and credit. */
export async function listMedia(options: LibraryFilters = {}, db: Db = getDb()): Promise<LibraryItem[]> {
  const conditions: SQL[] = [];
  for (const word of searchWords(options.q)) {
    const pattern = containsPattern(word);
    conditions.push(or(ilike(media.alt, pattern), ilike(media.caption, pattern), ilike(media.credit, pattern))!);
  }
  if (options.before) {
    conditions.push(sql`(${media.createdAt}, ${media.id}) < (select m.created_at, m.id from ${media} m where m.id = ${options.before})`);
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

/** One page of the library for the newsroom; `nextCursor` is the `before` of the older page, or null. */
export async function listMediaPage(options: LibraryFilters & { limit: number }, db: Db = getDb()) {
  const rows = await listMedia({ ...options, limit: options.limit + 1 }, db);
  const items = rows.slice(0, options.limit);
  return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
}
