import type { IncomingMessage, ServerResponse } from "node:http";
import { mayBeOldAddress } from "./old-path-key";
import { matchOldPath } from "./old-paths";
import { matchPathRule, sectionPathTest } from "./path-rules";
import { SECTION_PATH_PATTERN } from "./section-paths";

// Runs in the HTTP server (scripts/serve.ts) before Next.js sees a request: 301 from the old URLs
// of a story or a section (and a section's feed), 410 for an unpublished story, and then, for a
// request no page of ours answers, an imported site's old address (lib/routing/old-paths.ts:
// `/2019/04/29/slug/`, `/?p=123`, `/category/a/feed/`, … looked up in the database). App-router pages
// cannot answer those statuses, and doing it here costs a map lookup where Next's request proxy
// would halve the throughput of cached pages.

/** The page shown with a 410. Only reachable through this rewrite; asked for directly it is 404. */
export const GONE_PAGE = "/gone";
const NOT_ADDRESSABLE = "/_not-addressable";
/**
 * Routes reached only by a rewrite, never by their own address: the 410 page, and the feed
 * handlers that /<section>/feed.xml, /tags/<slug>/feed.xml and /authors/<slug>/feed.xml are
 * rewritten to (next.config.js). Asked for directly they are 404, so a feed has one URL.
 */
const INTERNAL = /^\/(gone|feeds)(\/|$)/;
const SKIPPED = /^\/(_next|api|media|editor|live|sitemaps)\//;
/**
 * The only one-segment paths that can have a rule: a top-level section's old address. The rest
 * (`/`, `/live`, `/feed.xml`, `/robots.txt`, …) pass without waiting for the rules to load; one
 * no page of ours answers (`/old-post`) may still be an imported old address.
 */
const TOP_LEVEL_SECTION = new RegExp(`^/(?:${SECTION_PATH_PATTERN})$`);

export async function answerPathRule(request: IncomingMessage, response: ServerResponse): Promise<"answered" | "continue"> {
  const url = request.url ?? "/";
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = queryAt === -1 ? "" : url.slice(queryAt);

  if (INTERNAL.test(pathname)) {
    request.url = NOT_ADDRESSABLE;
    return "continue";
  }
  const oneSegment = pathname.indexOf("/", 1) === -1;
  if (!oneSegment && SKIPPED.test(pathname)) return "continue";

  let rule;
  let keepQuery = true;
  try {
    if (!oneSegment || TOP_LEVEL_SECTION.test(pathname)) rule = await matchPathRule(decodeURIComponent(pathname));
    if (!rule) {
      const old = await matchOldPath(pathname, search, sectionPathTest);
      rule = old?.rule;
      keepQuery = old?.keepQuery ?? true;
    }
  } catch {
    // Unreadable rules must not take the site down: the page itself answers 404 for a gone story.
    return "continue";
  }
  if (!rule) {
    // A WordPress query address (`/?p=999`) that no imported item had is an unknown address: 404,
    // not the front page under a second URL.
    if (pathname === "/" && mayBeOldAddress(pathname, search)) request.url = NOT_ADDRESSABLE;
    return "continue";
  }
  if (rule.status === 301) {
    const location = keepQuery ? rule.location + search : rule.location;
    response.writeHead(301, { Location: location, "Cache-Control": "public, max-age=300, s-maxage=300, stale-while-revalidate=60" });
    response.end();
    return "answered";
  }
  response.statusCode = 410;
  request.url = GONE_PAGE;
  return "continue";
}
