// @ts-check
// Next.js cache handler (next.config.js `cacheHandler`) for rendered pages and cached reads.
//
// Kept in this process's memory, not in .next on disk: a cached page belongs to the database it
// was rendered from, and one build may serve several (./data, .data/e2e, a PostgreSQL server).
// A restart starts cold, which is always correct. Entries are evicted least-recently-used
// beyond PAGE_CACHE_MAX_MB (default 12: ~150 articles with the reads they were rendered from,
// 12–19 MB resident with the strings and buffers around them; `npm run measure:memory`). One entry
// may take up to half of it (a story sitemap page of 10,000 addresses is ~1.1 MB).
//
// With REDIS_URL (lib/cache/redis-cache.ts) this memory stays in front of Redis as each instance's
// own layer: a lookup it cannot answer fresh asks Redis (bounded to ~100 ms), what is rendered is
// written to both, and while Redis is away the memory alone answers.

// Next.js loads this handler with require(): it is CommonJS, and so is what it shares.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markRevalidated, pageCacheState, revalidatedSince } = require("./shared-state.cjs");

/** @typedef {import("./shared-state.cjs").PageCacheState} PageCacheState */
/** @typedef {import("./shared-state.cjs").SharedEntry} SharedEntry */

const NEXT_CACHE_TAGS_HEADER = "x-next-cache-tags";
const maxBytes = Number(process.env.PAGE_CACHE_MAX_MB || 12) * 1024 * 1024;

/** @param {any} value */
function sizeOf(value) {
  if (!value) return 0;
  if (value.kind === "APP_PAGE") {
    // The prefetch segments are about as large again as the RSC payload.
    let segments = 0;
    for (const segment of value.segmentData?.values?.() ?? []) segments += segment?.length ?? 0;
    return (value.html?.length ?? 0) + (value.rscData?.length ?? 0) + segments + 512;
  }
  if (value.kind === "APP_ROUTE" || value.kind === "IMAGE") return (value.body ?? value.buffer)?.length ?? 512;
  // A cached read (unstable_cache) holds its result as JSON text already: no need to write it again.
  if (value.kind === "FETCH" && typeof value.data?.body === "string") return value.data.body.length + 512;
  try {
    return JSON.stringify(value).length;
  } catch {
    return 4096;
  }
}

/** @param {any} value */
function headerTags(value) {
  const header = value?.headers?.[NEXT_CACHE_TAGS_HEADER];
  return typeof header === "string" && header ? header.split(",") : [];
}

/**
 * The handler's work over one state: the process's (the class below) or, in tests, one per
 * pretend instance.
 * @param {PageCacheState} state
 */
function pageCache(state) {
  const { entries } = state;

  /**
   * Counts a lookup for the operator's metrics (lib/ops/process-metrics.ts), by what Next asked
   * for (a page, a route's answer, a cached read); a stale page served while it renders is a hit.
   * @param {string | undefined} kind @param {boolean} hit
   */
  function countLookup(kind, hit) {
    const name = kind ?? "unknown";
    let counts = state.lookups.get(name);
    if (!counts) state.lookups.set(name, (counts = { hits: 0, misses: 0 }));
    if (hit) counts.hits++;
    else counts.misses++;
  }

  /** @param {string} key */
  function remove(key) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    state.totalBytes -= entry.size;
  }

  /** @param {string} key @param {SharedEntry} entry @returns {boolean} whether it was kept */
  function keep(key, entry) {
    remove(key);
    const size = sizeOf(entry.value);
    if (size > maxBytes / 2) return false;
    entries.set(key, { ...entry, size });
    state.totalBytes += size;
    for (const oldest of entries.keys()) {
      if (state.totalBytes <= maxBytes) break;
      remove(oldest);
    }
    return true;
  }

  /** @param {{ value: any; lastModified: number; tags: string[]; cacheControl?: unknown }} entry */
  const answer = (entry, lastModified = entry.lastModified) => ({
    value: entry.value,
    lastModified,
    tags: entry.tags,
    ...(entry.cacheControl === undefined ? {} : { cacheControl: entry.cacheControl }),
  });

  return {
    /** @param {string} key @param {{ kind?: string; tags?: string[]; softTags?: string[] }} [ctx] */
    async get(key, ctx = {}) {
      const asked = [...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
      const isStale = (/** @type {{ tags: string[]; lastModified: number }} */ entry) => revalidatedSince([...entry.tags, ...asked], entry.lastModified, state);
      const entry = entries.get(key);
      if (entry && !isStale(entry)) {
        countLookup(ctx.kind, true);
        // Least recently used goes first: re-insert on every hit.
        entries.delete(key);
        entries.set(key, entry);
        return answer(entry);
      }
      // Another instance may have rendered it since (or this one has not seen it yet).
      const shared = state.shared ? await state.shared.get(key) : null;
      if (shared && (!entry || shared.lastModified > entry.lastModified) && !isStale(shared)) {
        keep(key, shared);
        countLookup(ctx.kind, true);
        return answer(shared);
      }
      if (!entry) {
        countLookup(ctx.kind, false);
        return null;
      }
      // A page is served stale once while Next.js renders it afresh in the background, so
      // readers never wait on a write. Cached reads are dropped: that render must see new data.
      if (entry.value?.kind === "APP_PAGE" && !entry.staleServed) {
        entry.staleServed = true;
        countLookup(ctx.kind, true);
        return answer(entry, 1);
      }
      remove(key);
      countLookup(ctx.kind, false);
      return null;
    },

    /** @param {string} key @param {any} data @param {{ tags?: string[]; cacheControl?: unknown }} [ctx] */
    async set(key, data, ctx = {}) {
      remove(key);
      if (!data) return;
      /** @type {SharedEntry} */
      const entry = { value: data, lastModified: Date.now(), tags: [...(ctx.tags ?? []), ...headerTags(data)] };
      if (ctx.cacheControl !== undefined) entry.cacheControl = ctx.cacheControl;
      if (keep(key, entry)) state.shared?.set(key, entry);
    },

    /** @param {string | string[]} tags */
    async revalidateTag(tags) {
      markRevalidated(typeof tags === "string" ? [tags] : tags, state);
    },

    resetRequestCache() {},
  };
}

module.exports = class PageCacheHandler {
  constructor() {
    // One state for the process (shared-state.cjs): lib/cache/invalidate.ts (bundled into the app,
    // or loaded by the server for the scheduling sweeper) marks tags in the very map this reads.
    const cache = pageCache(pageCacheState());
    this.get = cache.get;
    this.set = cache.set;
    this.revalidateTag = cache.revalidateTag;
    this.resetRequestCache = cache.resetRequestCache;
  }
};
module.exports.pageCache = pageCache;
