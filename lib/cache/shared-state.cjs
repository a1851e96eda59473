// @ts-check
// The page cache's state, shared by everything in the process that reads or marks it: the cache
// handler Next.js loads (page-cache-handler.cjs), invalidation next to the writes
// (invalidate.ts), the path rules (lib/routing/path-rules.ts) and the pages the HTTP server
// answers itself (lib/http/page-store.ts). It lives on globalThis because Next loads the handler
// apart from the bundled application code.
//
// With REDIS_URL the server links this state to Redis (lib/cache/redis-cache.ts, `shared`): a
// mark made here is also written to Redis and published to every instance, whose link applies it
// here with applyMarks. Without it (or while Redis is away) the state is this process's alone.

/** A tag every entry carries implicitly: marking it makes everything cached before stale. */
const EVERYTHING = "*";

/**
 * What the Redis link offers the handler; every method answers within ~100 ms and never throws.
 * @typedef {{ value: any; lastModified: number; tags: string[]; cacheControl?: unknown }} SharedEntry
 * @typedef {{ get(key: string): Promise<SharedEntry | null>; set(key: string, entry: SharedEntry): void;
 *   announce(tags: string[], at: number): void }} SharedStore
 */

/**
 * @typedef {{ entries: Map<string, { value: any; lastModified: number; tags: string[]; size: number; staleServed?: boolean; cacheControl?: unknown }>;
 *   revalidatedAt: Map<string, number>; totalBytes: number; lastRevalidatedAt?: number;
 *   lookups: Map<string, { hits: number; misses: number }>;
 *   shared?: SharedStore; sharedLookups: { hits: number; misses: number; errors: number } }} PageCacheState
 */

/** A state of its own (the process's is pageCacheState(); tests make one per pretend instance). */
function createPageCacheState() {
  /** @type {PageCacheState} */
  const state = { entries: new Map(), revalidatedAt: new Map(), totalBytes: 0, lookups: new Map(), sharedLookups: { hits: 0, misses: 0, errors: 0 } };
  return state;
}

/** @returns {PageCacheState} */
function pageCacheState() {
  const global = /** @type {{ meridianPageCache?: PageCacheState }} */ (/** @type {unknown} */ (globalThis));
  return (global.meridianPageCache ??= createPageCacheState());
}

/**
 * Records that `tags` changed at `at` in this process only: pages cached under any of them render
 * afresh, and every page the server stores itself is dropped (it keeps no tags). A mark never
 * moves back in time.
 * @param {Iterable<string>} tags @param {number} at @param {PageCacheState} [state]
 */
function applyMarks(tags, at, state = pageCacheState()) {
  for (const tag of tags) if ((state.revalidatedAt.get(tag) ?? 0) < at) state.revalidatedAt.set(tag, at);
  state.lastRevalidatedAt = Math.max(state.lastRevalidatedAt ?? 0, at);
}

/**
 * Marks `tags` revalidated now, here and — with Redis — on every instance. The one way anything
 * is invalidated (lib/cache/invalidate.ts for writes, the path rules, the handler's revalidateTag).
 * @param {Iterable<string>} tags @param {PageCacheState} [state]
 */
function markRevalidated(tags, state = pageCacheState()) {
  const list = [...tags];
  const now = Date.now();
  applyMarks(list, now, state);
  state.shared?.announce(list, now);
}

/**
 * Whether any of `tags` (or everything) was marked at or after `since`.
 * @param {string[]} tags @param {number} since @param {PageCacheState} [state]
 */
function revalidatedSince(tags, since, state = pageCacheState()) {
  const at = (/** @type {string} */ tag) => state.revalidatedAt.get(tag) ?? 0;
  return at(EVERYTHING) >= since || tags.some((tag) => at(tag) >= since);
}

module.exports = { EVERYTHING, applyMarks, createPageCacheState, markRevalidated, pageCacheState, revalidatedSince };
