import { cacheTags } from "./tags";

// Invalidation next to the write: a command that changes what readers see calls this with the
// tags and paths it touched. It marks them in the page cache's shared state (see
// page-cache-handler.cjs), so it works from a server action, a route handler or the scheduling
// sweeper alike; the next request for an affected page renders it afresh.

type CacheState = { revalidatedAt: Map<string, number>; lastRevalidatedAt?: number };

function cacheState(): CacheState {
  const global = globalThis as unknown as { meridianPageCache?: CacheState & { entries: Map<string, unknown>; totalBytes: number } };
  global.meridianPageCache ??= { entries: new Map(), revalidatedAt: new Map(), totalBytes: 0 };
  return global.meridianPageCache;
}

/** Next.js tags every cached page with its path as `_N_T_<path>`. */
const pathTag = (path: string) => `_N_T_${path}`;

/**
 * A render that read the old data before the write and finished after it would be cached as
 * fresh; marking the tags once more a moment later discards such pages too.
 */
const SECOND_PASS_MS = 1500;

export function invalidate({ tags = [], paths = [] }: { tags?: string[]; paths?: string[] }): void {
  const all = [...tags, ...paths.map(pathTag)];
  const mark = () => {
    const now = Date.now();
    const state = cacheState();
    for (const tag of all) state.revalidatedAt.set(tag, now);
    // Pages the HTTP server answers itself (lib/http/page-store.ts) are dropped at any change.
    state.lastRevalidatedAt = now;
  };
  mark();
  setTimeout(mark, SECOND_PASS_MS).unref?.();
}

/** Everything a change to one story can show up on: its page, old URLs, and every list. */
export function invalidateStory(storyId: number, paths: string[]): void {
  invalidate({ tags: [cacheTags.story(storyId), cacheTags.storyLists], paths });
}
