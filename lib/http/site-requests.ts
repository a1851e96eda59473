// Which requests the HTTP server (scripts/serve.ts) treats as a reader asking for a page of the
// public site, in one place for the three answers it gives around Next.js: the stored page
// (lib/http/page-store.ts), the not-found page (lib/routing/not-found-page.ts) and the CDN policy
// (lib/http/page-cache-policy.ts). Each adds its own exceptions on top. And which ask for a
// document machines poll (feeds, sitemaps, robots.txt), which the page store also keeps.

/** Headers of a client-side navigation, prefetch or server action: Next's RSC answer, not a document. */
const CLIENT_NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action"];

/** Next's files, route handlers, uploads, the newsroom, feeds and sitemaps, and files (a last segment with an extension). */
const NOT_SITE_PAGES = /^\/(_next|api|media|editor|feeds|sitemaps)(\/|$)|\.[A-Za-z0-9]+$/;

/** Feeds and sitemaps at their public addresses (lib/feeds/addresses.ts, lib/sitemaps/documents.ts), and robots.txt. */
const MACHINE_DOCUMENTS = /^\/(robots\.txt|sitemap\.xml|sitemaps\/[^/]+\.xml|feed\.(xml|atom|json))$|.\/feed\.xml$/;

interface RequestHead {
  method?: string;
  url?: string;
  headers: Record<string, unknown>;
}

/** A request URL's path, without its query or fragment. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Whether `path` can be a page of the public site. */
export function isSitePagePath(path: string): boolean {
  return !NOT_SITE_PAGES.test(path);
}

/** A GET or HEAD for a document, of any path (not a client navigation's RSC payload). */
export function isDocumentRequest(request: RequestHead): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  return !CLIENT_NAVIGATION_HEADERS.some((name) => request.headers[name] !== undefined) && !/[?&]_rsc=/.test(request.url ?? "/");
}

/** A GET or HEAD for a document of the public site (not a client navigation's RSC payload). */
export function isSiteDocumentRequest(request: RequestHead): boolean {
  return isDocumentRequest(request) && isSitePagePath(pathOf(request.url ?? "/"));
}

/** A GET or HEAD for a feed, a sitemap or robots.txt: route handlers' documents for machines (lib/http/conditional.ts). */
export function isMachineDocumentRequest(request: RequestHead): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  return MACHINE_DOCUMENTS.test(pathOf(request.url ?? "/"));
}

const PREVIEWS = /^\/preview(\/|$)/;

/** A story's preview: per reader, and as its newsroom left it a moment ago. */
export function isPreviewPath(path: string): boolean {
  return PREVIEWS.test(path);
}

/**
 * A reader's GET or HEAD for a public page (its document or its client navigation) or a document
 * for machines: what may read a replica (db/replicas.ts). Never the newsroom, the API, uploads,
 * a preview, or anything that writes.
 */
export function readsFromReplica(request: RequestHead): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = pathOf(request.url ?? "/");
  return (isSitePagePath(path) && !isPreviewPath(path)) || MACHINE_DOCUMENTS.test(path);
}
