import type { IncomingMessage, ServerResponse } from "node:http";
import { isPreviewPath, isSitePagePath, pathOf } from "./site-requests";
import { beforeHeadersSent } from "./write-head";

// What a CDN (or any shared cache) may do with the site's pages, decided in the HTTP server
// (scripts/serve.ts) as the answer leaves, because Next.js writes its own Cache-Control for pages:
// an hour's s-maxage and a year's stale-while-revalidate for the cached pages (far too long for a
// correction or a withdrawn story to wait at a CDN), and "private, no-store" for /live, Audio Only
// and every 404 — which are the same for every reader. The server's own page cache is unaffected:
// it is refreshed by tags at once, and these bounds are how long a CDN may lag behind it.

/**
 * Articles, sections, the front page, tags, authors, and each search address (its query is part
 * of the address a CDN keeps; a malformed one is a 400 and keeps Next's no-store): a minute fresh,
 * then five served stale while refreshed.
 */
export const PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
/** What is on air changes by the minute: a few seconds. */
export const LIVE_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";
/** A 404 or 410 page: an address that starts to exist (a story published) shows within a minute. */
export const MISSING_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=60";

const LIVE_PAGES = /^\/live(\/audio)?\/?$/;

/** The Cache-Control for a site page's answer, or undefined to leave Next's as it is. */
export function pageCacheControl(method: string | undefined, url: string, status: number, setsCookie: boolean): string | undefined {
  if ((method !== "GET" && method !== "HEAD") || setsCookie) return undefined;
  const path = pathOf(url);
  if (!isSitePagePath(path) || isPreviewPath(path)) return undefined;
  if (status === 404 || status === 410) return MISSING_CACHE_CONTROL;
  if (status !== 200) return undefined;
  return LIVE_PAGES.test(path) ? LIVE_CACHE_CONTROL : PAGE_CACHE_CONTROL;
}

/**
 * Sets the site's Cache-Control on `response` as its headers go out. A Cache-Control passed in
 * writeHead's own header object gives way too.
 */
export function applyPageCachePolicy(request: IncomingMessage, response: ServerResponse): void {
  const { method } = request;
  const url = request.url ?? "/";
  beforeHeadersSent(response, (sending, { status, headers }) => {
    const setsCookie = sending.hasHeader("set-cookie") || Object.keys(headers ?? {}).some((name) => name.toLowerCase() === "set-cookie");
    const policy = pageCacheControl(method, url, status, setsCookie);
    if (!policy) return;
    if (headers) for (const name of Object.keys(headers)) if (name.toLowerCase() === "cache-control") delete headers[name];
    sending.setHeader("Cache-Control", policy);
  });
}
