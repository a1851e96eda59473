import { markRevalidated } from "./shared-state.cjs";
import { cacheTags } from "./tags";

// Invalidation next to the write: a command that changes what readers see calls this with the
// tags and paths it touched. It marks them in the page cache's shared state (shared-state.cjs), so it works from a server action, a route handler or the scheduling
// sweeper alike; the next request for an affected page renders it afresh — on every instance when
// REDIS_URL links them (the mark is published: lib/cache/redis-cache.ts).

/** Next.js tags every cached page with its path as `_N_T_<path>`. */
const pathTag = (path: string) => `_N_T_${path}`;

/**
 * A render that read the old data before the write and finished after it would be cached as
 * fresh; marking the tags once more a moment later discards such pages too.
 */
const SECOND_PASS_MS = 1500;

export function invalidate({ tags = [], paths = [] }: { tags?: string[]; paths?: string[] }): void {
  const all = [...tags, ...paths.map(pathTag)];
  const mark = () => markRevalidated(all);
  mark();
  setTimeout(mark, SECOND_PASS_MS).unref?.();
}

/** Everything a change to one story can show up on: its page, old URLs, and every list. */
export function invalidateStory(storyId: number, paths: string[]): void {
  invalidate({ tags: [cacheTags.story(storyId), cacheTags.storyLists], paths });
}
