// @ts-check
// Next.js cache handler (next.config.js `cacheHandler`) for rendered pages and cached reads.
//
// Kept in this process's memory, not in .next on disk: a cached page belongs to the database it
// was rendered from, and one build may serve several (./data, .data/e2e, a PostgreSQL server).
// A restart starts cold, which is always correct. Entries are evicted least-recently-used
// beyond PAGE_CACHE_MAX_MB (default 256). A shared store (Redis) can replace this for many
// instances without changing any page.

const NEXT_CACHE_TAGS_HEADER = "x-next-cache-tags";
const maxBytes = Number(process.env.PAGE_CACHE_MAX_MB || 256) * 1024 * 1024;

/** @type {Map<string, { value: any; lastModified: number; tags: string[]; size: number }>} */
const entries = new Map();
/** @type {Map<string, number>} tag → when it was last revalidated */
const revalidatedAt = new Map();
let totalBytes = 0;

/** @param {any} value */
function sizeOf(value) {
  if (!value) return 0;
  if (value.kind === "APP_PAGE") return (value.html?.length ?? 0) + (value.rscData?.length ?? 0) + 512;
  if (value.kind === "APP_ROUTE" || value.kind === "IMAGE") return (value.body ?? value.buffer)?.length ?? 512;
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

/** @param {string} key */
function remove(key) {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  totalBytes -= entry.size;
}

/** @param {string[]} tags @param {number} since */
function anyRevalidatedSince(tags, since) {
  return tags.some((tag) => (revalidatedAt.get(tag) ?? 0) >= since);
}

module.exports = class PageCacheHandler {
  /** @param {string} key @param {{ kind?: string; tags?: string[]; softTags?: string[] }} [ctx] */
  async get(key, ctx = {}) {
    const entry = entries.get(key);
    if (!entry) return null;
    const tags = [...entry.tags, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
    if (anyRevalidatedSince(tags, entry.lastModified)) {
      remove(key);
      return null;
    }
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
    if (size > maxBytes / 4) return;
    entries.set(key, { value: data, lastModified: Date.now(), tags: [...(ctx.tags ?? []), ...headerTags(data)], size });
    totalBytes += size;
    for (const oldest of entries.keys()) {
      if (totalBytes <= maxBytes) break;
      remove(oldest);
    }
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of typeof tags === "string" ? [tags] : tags) revalidatedAt.set(tag, now);
  }

  resetRequestCache() {}
};
