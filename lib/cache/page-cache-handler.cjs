// @ts-check
// Next.js cache handler (next.config.js `cacheHandler`) for rendered pages and cached reads.
//
// Kept in this process's memory, not in .next on disk: a cached page belongs to the database it
// was rendered from, and one build may serve several (./data, .data/e2e, a PostgreSQL server).
// A restart starts cold, which is always correct. Entries are evicted least-recently-used
// beyond PAGE_CACHE_MAX_MB (default 12: ~150 articles with the reads they were rendered from,
// 12–19 MB resident with the strings and buffers around them; `npm run measure:memory`). One entry
// may take up to half of it (a story sitemap page of 10,000 addresses is ~1.1 MB). A shared store
// (Redis) can replace this for many instances without changing any page.

// Next.js loads this handler with require(): it is CommonJS, and so is what it shares.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markRevalidated, pageCacheState } = require("./shared-state.cjs");

const NEXT_CACHE_TAGS_HEADER = "x-next-cache-tags";
const maxBytes = Number(process.env.PAGE_CACHE_MAX_MB || 12) * 1024 * 1024;

// One state for the process (shared-state.cjs): lib/cache/invalidate.ts (bundled into the app, or
// loaded by the server for the scheduling sweeper) marks tags in the very map this handler reads.
const state = pageCacheState();
const { entries, revalidatedAt } = state;

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

/** @param {any} value */
function headerTags(value) {
  const header = value?.headers?.[NEXT_CACHE_TAGS_HEADER];
  return typeof header === "string" && header ? header.split(",") : [];
}

/** @param {string} key */
function remove(key) {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  state.totalBytes -= entry.size;
}

/** @param {string[]} tags @param {number} since */
function anyRevalidatedSince(tags, since) {
  return tags.some((tag) => (revalidatedAt.get(tag) ?? 0) >= since);
}

module.exports = class PageCacheHandler {
  /** @param {string} key @param {{ kind?: string; tags?: string[]; softTags?: string[] }} [ctx] */
  async get(key, ctx = {}) {
    const entry = entries.get(key);
    if (!entry) {
      countLookup(ctx.kind, false);
      return null;
    }
    const tags = [...entry.tags, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
    if (anyRevalidatedSince(tags, entry.lastModified)) {
      // A page is served stale once while Next.js renders it afresh in the background, so
      // readers never wait on a write. Cached reads are dropped: that render must see new data.
      if (entry.value?.kind === "APP_PAGE" && !entry.staleServed) {
        entry.staleServed = true;
        countLookup(ctx.kind, true);
        return { value: entry.value, lastModified: 1, tags: entry.tags };
      }
      remove(key);
      countLookup(ctx.kind, false);
      return null;
    }
    countLookup(ctx.kind, true);
    // Least recently used goes first: re-insert on every hit.
    entries.delete(key);
    entries.set(key, entry);
    return { value: entry.value, lastModified: entry.lastModified, tags: entry.tags };
  }

  /** @param {string} key @param {any} data @param {{ tags?: string[] }} [ctx] */
  async set(key, data, ctx = {}) {
    remove(key);
    if (!data) return;
    const size = sizeOf(data);
    if (size > maxBytes / 2) return;
    entries.set(key, { value: data, lastModified: Date.now(), tags: [...(ctx.tags ?? []), ...headerTags(data)], size });
    state.totalBytes += size;
    for (const oldest of entries.keys()) {
      if (state.totalBytes <= maxBytes) break;
      remove(oldest);
    }
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    markRevalidated(typeof tags === "string" ? [tags] : tags);
  }

  resetRequestCache() {}
};
