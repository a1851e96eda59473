// The floor's cache handler: rendered pages kept in a Map, as the app keeps them in memory
// (lib/cache/page-cache-handler.cjs), so "cached as articles are" costs what Next's own caching
// path costs, not Next's default handler writing each page to disk. No eviction, no tags: the
// floor's addresses are each asked for once and nothing is revalidated.
const entries = new Map();

module.exports = class MemoryCacheHandler {
  async get(key) {
    return entries.get(key) ?? null;
  }

  async set(key, data) {
    entries.set(key, { value: data, lastModified: Date.now(), tags: [] });
  }

  async revalidateTag() {}

  resetRequestCache() {}
};
