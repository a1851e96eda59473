import type { IncomingMessage, ServerResponse } from "node:http";
import { SEARCH_PATH } from "@/lib/routing/public-urls";
import { readSearchParams } from "@/lib/search/params";
import { isSiteDocumentRequest, pathOf } from "./site-requests";
import { beforeHeadersSent } from "./write-head";

// A page cannot choose its status, but a malformed search address (a date that is not a day, a
// broken cursor, a parameter given twice: lib/search/params.ts) deserves a 400, not a 200 that
// crawlers and caches take for a page. The search page prints the problems; the HTTP server
// (scripts/serve.ts) reads the same address with the same function and sends that page as a 400.
// Client navigations (Next's RSC answers) keep their 200: the router reads those, not people.

/** Whether `url` is a search address the page will refuse. */
export function isMalformedSearch(url: string): boolean {
  if (pathOf(url) !== SEARCH_PATH) return false;
  const queryAt = url.indexOf("?");
  return !readSearchParams(new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1))).ok;
}

/** Sends a malformed search's page with a 400 (and whatever policy a 400 gets: Next's own, no-store). */
export function applySearchStatus(request: IncomingMessage, response: ServerResponse): void {
  if (!isSiteDocumentRequest(request) || !isMalformedSearch(request.url ?? "/")) return;
  beforeHeadersSent(response, (_, { status }) => (status === 200 ? 400 : undefined));
}
