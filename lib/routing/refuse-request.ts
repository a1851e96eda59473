import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

// Refusals the HTTP server (scripts/serve.ts) answers before Next.js sees a request, for requests
// Next would answer with a 500: a path that does not percent-decode, its own or the one the image
// optimizer is asked for (400), and a server action posted from another site (403; Next refuses
// it too, but by throwing). The same-site rule is Next's own (no serverActions.allowedOrigins is
// configured) — Origin against X-Forwarded-Host, else Host — except that X-Forwarded-Host counts
// only behind a trusted proxy (TRUST_PROXY), and is removed otherwise, so Next agrees.
// Headers that only Next.js's own machinery sends itself (its middleware's subrequests, its
// router server, revalidation, resuming a prerender) are removed from every request: some have
// let a client walk past middleware before (x-middleware-subrequest), and none has a use coming
// from outside. The guards themselves are in every page, action and route handler anyway.

export interface Refusal {
  status: 400 | 403;
  message: string;
}

interface RequestHead {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** Route handlers and Next's own files: Next never runs a server action there. */
const NOT_PAGES = /^\/(api|media|_next)(\/|$)/;

/** Request headers Next.js trusts as its own; a client's are dropped before Next sees them. */
export const NEXT_INTERNAL_HEADERS = [
  "x-middleware-subrequest",
  "x-middleware-invoke",
  "x-middleware-prefetch",
  "x-invoke-path",
  "x-invoke-query",
  "x-invoke-status",
  "x-invoke-error",
  "x-invoke-output",
  "x-matched-path",
  "x-now-route-matches",
  "x-nextjs-data",
  "x-nextjs-postponed",
  "x-prerender-revalidate",
  "x-prerender-revalidate-if-generated",
  "x-next-revalidated-tags",
  "x-next-revalidate-tag-token",
  "x-next-resume-state-length",
  "next-resume",
  "next-instant-navigation-testing",
];

const BAD_ADDRESS: Refusal = { status: 400, message: "This address is not valid: it has a broken percent-encoding." };
const CROSS_SITE: Refusal = { status: 403, message: "Refused: this form was sent from another site." };

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The image optimizer decodes the path it is asked for (?url=/media/…): that path must decode too. */
function imageSourceDecodes(path: string, url: string): boolean {
  const queryAt = url.indexOf("?");
  if (path !== "/_next/image" || queryAt === -1) return true;
  const source = new URLSearchParams(url.slice(queryAt + 1)).get("url");
  return !source?.startsWith("/") || decodes(pathOf(source));
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value?.split(",")[0])?.trim() || undefined;

/** What Next would take for a server action: a POST to a page with an action id or a multipart body. */
function isPossibleServerAction(request: RequestHead, path: string): boolean {
  if (request.method !== "POST" || NOT_PAGES.test(path)) return false;
  return request.headers["next-action"] !== undefined || (request.headers["content-type"] ?? "").startsWith("multipart/form-data");
}

function originHost(origin: string): string | null {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Why the server refuses this request before Next sees it, or null. */
export function refusalFor(request: RequestHead, trustProxy: number): Refusal | null {
  const url = request.url ?? "/";
  const path = pathOf(url);
  if (!decodes(path) || !imageSourceDecodes(path, url)) return BAD_ADDRESS;
  const origin = request.headers.origin;
  // Without an Origin (not a browser, or an old one) Next lets the action through, as do we.
  if (origin === undefined || !isPossibleServerAction(request, path)) return null;
  const host = (trustProxy > 0 ? first(request.headers["x-forwarded-host"]) : undefined) ?? request.headers.host;
  return originHost(origin) === host ? null : CROSS_SITE;
}

/** Answers a refused request (JSON under /api, like every API answer; plain text elsewhere). */
export function guardRequest(request: IncomingMessage, response: ServerResponse, trustProxy: number): "answered" | "continue" {
  if (trustProxy <= 0) delete request.headers["x-forwarded-host"];
  for (const name of NEXT_INTERNAL_HEADERS) delete request.headers[name];
  const refusal = refusalFor(request, trustProxy);
  if (!refusal) return "continue";
  const api = /^\/api(\/|$)/.test(pathOf(request.url ?? "/"));
  response.writeHead(refusal.status, {
    "Content-Type": api ? "application/json" : "text/plain; charset=utf-8",
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(api ? JSON.stringify({ error: refusal.message }) : `${refusal.message}\n`);
  return "answered";
}
