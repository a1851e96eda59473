import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { siteDailyViews, siteDay, type DayViews } from "./charts";
import { listMostRead } from "./most-read";

// "Most read" for pages, cached on a timer rather than by tag: the counts change every few
// seconds, and revalidating a tag on each flush would drop every stored page with it
// (lib/http/page-store.ts). The list is read again at most every MOST_READ_REFRESH_SECONDS; the
// home page and the articles that show it are regenerated as often (in the background, the stale
// page answering meanwhile). Tagged with the story lists too, so a story unpublished leaves it at once.

const MOST_READ_REFRESH_SECONDS = 300;

export const getCachedMostRead = cache(() =>
  cachedRead(["most-read"], [cacheTags.storyLists], () => listMostRead(), MOST_READ_REFRESH_SECONDS),
);

/**
 * How long the newsroom's 30-day chart of the site's views is kept: it adds up every view row of
 * 30 days (hundreds of milliseconds on PGlite at 100,000 stories), and "at a glance" needs no
 * fresher figure than a few minutes old. Keyed by the site's day, so it starts afresh at midnight.
 */
const SITE_VIEWS_REFRESH_SECONDS = 300;

export const getCachedSiteDailyViews = cache(
  (timeZone: string): Promise<DayViews[]> =>
    cachedRead(["site-daily-views", timeZone, siteDay(new Date(), timeZone)], [], () => siteDailyViews({ timeZone }), SITE_VIEWS_REFRESH_SECONDS),
);
