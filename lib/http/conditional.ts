import { createHash } from "node:crypto";

// Answers for documents machines poll — feeds and sitemaps: an ETag from the bytes, so a crawler
// or feed reader that already has this version gets a 304 with no body, and a Cache-Control a CDN
// may keep for a minute. Publishing refreshes the origin's copy at once (cache tags); a CDN serves
// the old one at most that long. Last-Modified (the newest item's time) is sent for information
// but never answers a 304: a story pulled from a feed leaves the newest date as it was, so only
// the bytes can tell a reader that the document changed.

/** A minute at a CDN or in a reader, then a quick background refresh while a stale copy is served. */
export const MACHINE_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

export interface MachineDocument {
  body: string;
  contentType: string;
  /** The newest change among the items it lists (sent as Last-Modified); none for an empty document. */
  lastModified?: Date | null;
}

const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

/** HTTP dates have whole seconds: compare as they are written. */
const toSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Whether an If-None-Match (or If-Range) header names `etag` — weakly, as a GET compares — or is
 * `*`. Every answer with an ETag decides its 304 here: feeds and sitemaps, stored pages
 * (lib/http/page-store.ts), uploaded files (lib/media/serve-file.ts).
 */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  return typeof header === "string" && header.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === etag);
}

/** The document, or a 304 when the request already holds this version. HEAD gets the headers only. */
export function machineResponse(request: Request, document: MachineDocument): Response {
  const etag = etagOf(document.body);
  const headers = new Headers({ "Cache-Control": MACHINE_CACHE_CONTROL, ETag: etag, Vary: "Accept-Encoding" });
  if (document.lastModified) headers.set("Last-Modified", new Date(toSeconds(document.lastModified) * 1000).toUTCString());
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", document.contentType);
  return new Response(request.method === "HEAD" ? null : document.body, { status: 200, headers });
}
