import { and, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { searchWords, startsOfWords } from "@/lib/text/search-words";
import { media, mediaSearchVector } from "@/db/schema";
import { keysetPage, keysetQuery, type KeysetOrder, type KeysetPage } from "@/lib/pagination/keyset";
import { mediaUrl } from "./urls";

export interface LibraryItem {
  id: number;
  src: string;
  /** The smallest stored copy, for thumbnails. */
  thumb: string;
  alt: string;
  caption: string;
  credit: string;
  /** The name of the file as uploaded ("" for images from before names were kept). */
  fileName: string;
  width: number;
  height: number;
  createdAt: string;
}

export interface LibraryFilters {
  /** Words beginning words of the alt text, caption, credit or file name ("harb" finds "Harbor"). */
  q?: string;
  /** Id of the last image of the previous page (newest first). */
  before?: number;
  limit?: number;
}

const newestFirst: KeysetOrder = { table: media, keys: [media.createdAt], id: media.id, direction: "desc" };

/** One page of the library for the newsroom; `nextCursor` is the `before` of the older page, or null. */
export async function listMediaPage(options: LibraryFilters = {}, db: Db = getDb()): Promise<KeysetPage<LibraryItem>> {
  const limit = Math.min(options.limit ?? 48, 200);
  const keyset = keysetQuery(newestFirst, { cursor: options.before, limit });
  // The whole library is searched through its words index (media_words_idx), however large.
  const conditions: (SQL | undefined)[] = [keyset.where, await startsOfWords(db, mediaSearchVector(media), searchWords(options.q))];
  const rows = await db
    .select()
    .from(media)
    .where(and(...conditions))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  return keysetPage(rows.map(toLibraryItem), limit);
}

/** The media library, newest first, optionally searched by words: one page of it. */
export async function listMedia(options: LibraryFilters = {}, db: Db = getDb()): Promise<LibraryItem[]> {
  return (await listMediaPage(options, db)).items;
}

function toLibraryItem(row: typeof media.$inferSelect): LibraryItem {
  return {
    id: row.id,
    src: mediaUrl(row.storageKey),
    thumb: mediaUrl(row.variants[0]?.storageKey ?? row.storageKey),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    fileName: row.fileName,
    width: row.width,
    height: row.height,
    createdAt: row.createdAt.toISOString(),
  };
}
