// @ts-check
// The page cache's state, shared by everything in the process that reads or marks it: the cache
// handler Next.js loads (page-cache-handler.cjs), invalidation next to the writes
// (invalidate.ts), and the pages the HTTP server answers itself (lib/http/page-store.ts). It lives
// on globalThis because Next loads the handler apart from the bundled application code.

/**
 * @typedef {{ entries: Map<string, { value: any; lastModified: number; tags: string[]; size: number; staleServed?: boolean }>;
 *   revalidatedAt: Map<string, number>; totalBytes: number; lastRevalidatedAt?: number;
 *   lookups: Map<string, { hits: number; misses: number }> }} PageCacheState
 */

/** @returns {PageCacheState} */
function pageCacheState() {
  const global = /** @type {{ meridianPageCache?: PageCacheState }} */ (/** @type {unknown} */ (globalThis));
  return (global.meridianPageCache ??= { entries: new Map(), revalidatedAt: new Map(), totalBytes: 0, lookups: new Map() });
}

/**
 * Marks `tags` revalidated now: pages cached under any of them render afresh, and every page the
 * server stores itself is dropped (it keeps no tags).
 * @param {Iterable<string>} tags
 */
function markRevalidated(tags) {
  const state = pageCacheState();
  const now = Date.now();
  for (const tag of tags) state.revalidatedAt.set(tag, now);
  state.lastRevalidatedAt = now;
}

module.exports = { pageCacheState, markRevalidated };
