import { unstable_cache } from "next/cache";

/**
 * Runs a public read through Next's data cache under `tags`, so a page built from it is
 * regenerated when any of those tags is revalidated. The result must be JSON-serialisable.
 */
export function cachedRead<T>(keyParts: string[], tags: string[], read: () => Promise<T>): Promise<T> {
  return unstable_cache(read, keyParts, { tags })();
}
