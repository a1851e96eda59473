// What the article page's view beacon sends and the HTTP server reads (lib/analytics/beacon.ts):
// one home for the address and the body, shared by the browser and the server.

export const BEACON_PATH = "/api/views";

/** The largest story id the database holds (an integer column). */
const MAX_STORY_ID = 2_147_483_647;

/** The beacon's body for a view of `storyId`. */
export const beaconBody = (storyId: number) => JSON.stringify({ storyId });

/** The story id a beacon's body names, or null when it names none. */
export function beaconStoryId(body: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const storyId = typeof parsed === "object" && parsed !== null ? (parsed as { storyId?: unknown }).storyId : undefined;
  return typeof storyId === "number" && Number.isSafeInteger(storyId) && storyId > 0 && storyId <= MAX_STORY_ID ? storyId : null;
}
