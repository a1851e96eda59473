import { unstable_cache } from "next/cache";

/**
 * Runs a public read through Next's data cache under `tags`, so a page built from it is
 * regenerated when any of those tags is revalidated. The result must be JSON-serialisable.
 * `revalidateSeconds` also ends the entry after that long, and a page that uses it is regenerated
 * as often (Next keeps a page no longer than its shortest read).
 */
export function cachedRead<T>(keyParts: string[], tags: string[], read: () => Promise<T>, revalidateSeconds?: number): Promise<T> {
  return unstable_cache(read, keyParts, { tags, ...(revalidateSeconds === undefined ? {} : { revalidate: revalidateSeconds }) })();
}
