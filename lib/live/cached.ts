import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { getLiveOverview, type StreamView } from "./queries";

/**
 * The live overview for pages, cached under the `live` tag. Kept for a minute at most, so
 * "on now" moves on with the clock even when no one changes anything.
 */
export function getCachedLiveOverview(): Promise<StreamView[]> {
  const minute = Math.floor(Date.now() / 60_000);
  return cachedRead(["live-overview", String(minute)], [cacheTags.live], () => getLiveOverview());
}
