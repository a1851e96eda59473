import type { StorySummary } from "@/lib/stories/queries";
import type { FrontPagePicks } from "./pins";

/**
 * The top of the front page, `count` stories: the pinned lead (else the newest story), the
 * pinned top stories, then the newest of the rest. `newest` must leave out the pinned stories.
 */
export function frontPageOrder(picks: FrontPagePicks, newest: StorySummary[], count: number): StorySummary[] {
  // With no pinned lead, the newest story leads and the pinned top stories follow it.
  const [first, ...others] = newest;
  const lead = picks.lead ?? first;
  const rest = picks.lead ? newest : others;
  return [...(lead ? [lead] : []), ...picks.top, ...rest].slice(0, count);
}
