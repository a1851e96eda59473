import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { brotliDecompressSync, createGunzip, gunzipSync } from "node:zlib";
import { pageCacheState } from "@/lib/cache/shared-state.cjs";
import { etagMatches, MACHINE_CACHE_CONTROL } from "./conditional";
import { chooseEncoding, compress, varyOnAcceptEncoding, type Encoding } from "./encoding";
import { isMachineDocumentRequest, isSiteDocumentRequest, pathOf } from "./site-requests";

// Cached pages answered by the HTTP server itself (scripts/serve.ts), from stored bytes: Next.js
// spends 1.5–2 ms of CPU on each of its own cache hits, a stored answer costs a map lookup and a
// write. A page is stored from Next's answer to a document request (identity bytes, with its
// headers) when Next served it from or into its page cache (`x-nextjs-cache`), and answered from
// the store — gzip or brotli as the reader accepts, with an ETag and 304s; each coding made once,
// when first asked for, never both on the render — until any cache tag
// is revalidated after it was stored (lib/cache/invalidate.ts: a publish, an edit, an unpublish,
// a section or live change, on this instance or, through Redis, on another), or for at most STORE_TTL_MS. Path rules (301, 410) are answered
// before this, so a withdrawn story is never served from here.
//
// Feeds and sitemaps are kept the same way: a route handler's answer that its Cache-Control lets a
// shared cache keep (MACHINE_CACHE_CONTROL, lib/http/conditional.ts), with the route's own ETag.
// A full sitemap page is about 1.1 MB (it was 5.6 MB at 50,000 URLs): Next gzips it on every
// request (≈ 68 ms of CPU at 5.6 MB), the store compresses it once. A body that large is kept as gzip only (a few hundred kB), sent as gzip
// to nearly every client.

/** Bounds how long a stored page may outlive Next's own time-based regeneration. */
const STORE_TTL_MS = 60_000;
const MAX_BYTES = Number(process.env.PAGE_STORE_MAX_MB || 8) * 1024 * 1024;
/** From this size a body is kept as gzip only (brotli would cost more to make than it saves). */
const GZIP_ONLY_BYTES = 256 * 1024;

/**
 * Site pages that are rendered per request (live pages, previews, the not-found page), and the
 * search: each query is its own address, without number, and a crawler walking queries would
 * push the articles out of a store of a few megabytes. A CDN may keep a search a minute
 * (lib/http/page-cache-policy.ts); the server answers each one with a bounded query (lib/search/).
 */
const NOT_STORED = /^\/(preview|live|page-not-found|search)(\/|$)/;
/** Requests that may be answered differently for their sender, or in part. */
const PER_SENDER_HEADERS = ["cookie", "authorization", "range"];
/** Headers that belong to one answer, not to the page. */
const PER_ANSWER = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "content-encoding", "etag", "x-nextjs-cache"]);

/**
 * A page is kept compressed only: nearly every reader takes brotli or gzip, and Next's page cache
 * holds the same HTML already. It is compressed once when stored, in the coding its first reader
 * takes (gzip for one who takes none); the other coding is made on the first request that asks
 * for it, not on every render: brotli and gzip both cost ~1 ms of CPU on the render of an
 * uncached article, and most pages are read by one kind of client. Readers who accept neither
 * get the body as it is, kept from the first such request on (a large one is unzipped as it is
 * sent). Counted by the bytes it holds (its copies, headers and address).
 */
interface StoredPage {
  /** Its address (the store's key). */
  key: string;
  headers: OutgoingHttpHeaders;
  /** Made when first asked for; never for a body of GZIP_ONLY_BYTES or more. */
  br?: Buffer;
  /** Made when first asked for, or when stored for a reader who takes no brotli. */
  gzip?: Buffer;
  /**
   * The body as it is, kept once a reader who takes no compression asks for it (curl, monitors,
   * some crawlers and load tools), so the next ones are not each sent a copy unzipped anew;
   * never for a body of GZIP_ONLY_BYTES or more (those are unzipped as they are sent).
   */
  identity?: Buffer;
  etag: string;
  /** The body's length unzipped (the identity answer's Content-Length). */
  length: number;
  storedAt: number;
  bytes: number;
}

/** When any cache tag last changed (lib/cache/shared-state.cjs). */
const lastRevalidation = () => pageCacheState().lastRevalidatedAt ?? 0;

/** Whether a request's answer may come from, or go into, the store. */
export function storesRequest(request: { method?: string; url?: string; headers: Record<string, unknown> }): boolean {
  if (PER_SENDER_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  if (isMachineDocumentRequest(request)) return true;
  return isSiteDocumentRequest(request) && !NOT_STORED.test(pathOf(request.url ?? "/"));
}

/** The codings offered for a body of `length` bytes: gzip alone for a large one. */
const offeredFor = (length: number) => (length >= GZIP_ONLY_BYTES ? (["gzip"] as const) : (["br", "gzip"] as const));

/** The identity bytes of a stored page, from whichever copy it holds. */
function decompressed(page: StoredPage): Buffer {
  return page.identity ?? (page.br ? brotliDecompressSync(page.br) : gunzipSync(page.gzip!));
}

/**
 * A large body (a sitemap page, ~1.1 MB) goes to a client that takes no compression unzipped as
 * it is sent, in chunks the socket takes, not unzipped whole first: fifty such clients at once
 * held ~50 MB of unzipped copies (npm run bench, whose autocannon sends no Accept-Encoding).
 */
function sendUnzipped(response: ServerResponse, page: StoredPage): void {
  const gunzip = createGunzip();
  gunzip.once("error", () => response.destroy());
  gunzip.pipe(response);
  gunzip.end(page.gzip!);
}

/**
 * Next's answer as the store keeps it: compressed once, in `coding` (what its first reader takes;
 * gzip for a reader who takes no compression), and `etag` is a route's own.
 */
function storedPage(key: string, headers: OutgoingHttpHeaders, body: Buffer, coding: Exclude<Encoding, "identity">, etag: string | undefined, storedAt: number): StoredPage {
  const copy = compress(body, coding);
  const overhead = 2 * key.length + 2 * JSON.stringify(headers).length + 256;
  return {
    key,
    headers,
    etag: etag ?? `"${createHash("sha1").update(body).digest("base64url")}"`,
    [coding]: copy,
    length: body.length,
    storedAt,
    bytes: copy.length + overhead,
  };
}

type Writer = (this: ServerResponse, ...args: unknown[]) => unknown;

/**
 * Headers an answer needs from its whole body (its Content-Security-Policy:
 * lib/http/security-headers.ts): `holds` says which requests' answers to hold whole, `seal` sets
 * the headers from the body.
 */
interface Sealer {
  holds(request: IncomingMessage): boolean;
  seal(request: IncomingMessage, headers: OutgoingHttpHeaders, body: Buffer): void;
}

/**
 * With a `sealer`, the answers it holds are held whole and sealed, stored or not (a reader with a
 * cookie, a live page, a search). A stored page keeps what `seal` set, so a hit never runs it again.
 */
export function pageStore(now: () => number = Date.now, sealer?: Sealer) {
  const pages = new Map<string, StoredPage>();
  let bytes = 0;

  const drop = (key: string) => {
    const page = pages.get(key);
    if (!page) return;
    pages.delete(key);
    bytes -= page.bytes;
  };

  const evictOverflow = () => {
    for (const oldest of pages.keys()) {
      if (bytes <= MAX_BYTES) break;
      drop(oldest);
    }
  };

  const keep = (key: string, page: StoredPage) => {
    drop(key);
    if (page.bytes > MAX_BYTES / 8) return;
    pages.set(key, page);
    bytes += page.bytes;
    evictOverflow();
  };

  /** The page's copy in `coding`, made now (from `identity` when given) if it has none yet, and counted. */
  const copyIn = (page: StoredPage, coding: Encoding, identity?: Buffer): Buffer => {
    const held = page[coding];
    if (held) return held;
    const body = identity ?? decompressed(page);
    if (coding === "identity" && page.length >= GZIP_ONLY_BYTES) return body;
    const copy = coding === "identity" ? body : compress(body, coding);
    page[coding] = copy;
    page.bytes += copy.length;
    if (pages.get(page.key) === page) {
      bytes += copy.length;
      evictOverflow();
    }
    return copy;
  };

  /**
   * Sends a stored page with `headers`, encoded as the request accepts; `identity` is its body
   * when the page was just rendered (sent as it is to a reader who takes no compression).
   */
  function send(request: IncomingMessage, response: ServerResponse, status: number, headers: OutgoingHttpHeaders, page: StoredPage, identity?: Buffer) {
    const encoding = chooseEncoding(request.headers["accept-encoding"] as string | undefined, offeredFor(page.length));
    const out: OutgoingHttpHeaders = { ...headers, etag: page.etag, vary: varyOnAcceptEncoding(headers.vary) };
    if (etagMatches(request.headers["if-none-match"], page.etag)) {
      response.writeHead(304, out);
      response.end();
      return;
    }
    if (encoding === "identity" && !identity && page.length >= GZIP_ONLY_BYTES) {
      response.writeHead(status, { ...out, "content-length": page.length });
      if (request.method === "HEAD") response.end();
      else sendUnzipped(response, page);
      return;
    }
    const body = copyIn(page, encoding, identity);
    if (encoding !== "identity") out["content-encoding"] = encoding;
    out["content-length"] = body.length;
    response.writeHead(status, out);
    response.end(request.method === "HEAD" ? undefined : body);
  }

  /** An answer the store does not keep, as Next wrote it, compressed as Next would have. */
  function passOn(request: IncomingMessage, response: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer) {
    const encoding = chooseEncoding(request.headers["accept-encoding"] as string | undefined, offeredFor(body.length));
    const compressing = encoding !== "identity" && body.length >= 1024 && /^(text\/|application\/(json|xml|javascript))/i.test(String(headers["content-type"] ?? ""));
    const out = compressing ? compress(body, encoding) : body;
    response.writeHead(status, {
      ...headers,
      ...(compressing ? { "content-encoding": encoding, vary: varyOnAcceptEncoding(headers.vary) } : {}),
      "content-length": out.length,
    });
    response.end(request.method === "HEAD" ? undefined : out);
  }

  return {
    /** Answers from the store when it holds a current page for this request. */
    answer(request: IncomingMessage, response: ServerResponse): boolean {
      if (!storesRequest(request)) return false;
      const key = request.url ?? "/";
      const page = pages.get(key);
      if (!page) return false;
      if (page.storedAt <= lastRevalidation() || now() - page.storedAt > STORE_TTL_MS) {
        drop(key);
        return false;
      }
      // Most recently used last, so the oldest go first.
      pages.delete(key);
      pages.set(key, page);
      // A hit of the page cache, as Next names one (tools and tests read it).
      send(request, response, 200, { ...page.headers, "x-nextjs-cache": "HIT" }, page);
      return true;
    },

    /**
     * Lets Next answer a request the store may keep: Next is asked for identity bytes, the answer
     * is held until it ends, kept when it is a cacheable page, and sent encoded as accepted.
     */
    capture(request: IncomingMessage, response: ServerResponse): void {
      const stores = storesRequest(request);
      if (!stores && !sealer?.holds(request)) return;
      const key = request.url ?? "/";
      const machine = isMachineDocumentRequest(request);
      const startedAt = now();
      // Next is asked for the whole page in identity bytes: this answers encodings and 304s itself.
      const { "accept-encoding": acceptEncoding, "if-none-match": ifNoneMatchHeader } = request.headers;
      delete request.headers["accept-encoding"];
      delete request.headers["if-none-match"];
      const writeHead = response.writeHead as unknown as Writer;
      const write = response.write as unknown as Writer;
      const end = response.end as unknown as Writer;
      const chunks: Buffer[] = [];
      let status = 200;
      let headers: OutgoingHttpHeaders = {};
      const hold = (chunk: unknown, encoding: unknown) => {
        if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
        else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      };
      response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        status = typeof args[0] === "number" ? args[0] : this.statusCode;
        const given = args.find((arg): arg is OutgoingHttpHeaders => typeof arg === "object" && arg !== null && !Array.isArray(arg));
        headers = { ...this.getHeaders(), ...Object.fromEntries(Object.entries(given ?? {}).map(([k, v]) => [k.toLowerCase(), v])) };
        return this;
      } as ServerResponse["writeHead"];
      response.flushHeaders = () => {};
      response.write = function (this: ServerResponse, ...args: unknown[]) {
        if (!this.headersSent && Object.keys(headers).length === 0) (response.writeHead as unknown as Writer).call(this, this.statusCode);
        hold(args[0], args[1]);
        const callback = args.find((arg): arg is () => void => typeof arg === "function");
        if (callback) process.nextTick(callback);
        return true;
      } as ServerResponse["write"];
      response.end = function (this: ServerResponse, ...args: unknown[]) {
        if (Object.keys(headers).length === 0) (response.writeHead as unknown as Writer).call(this, this.statusCode);
        if (typeof args[0] !== "function") hold(args[0], args[1]);
        const callback = args.find((arg): arg is () => void => typeof arg === "function");
        if (callback) this.once("finish", callback);
        if (acceptEncoding !== undefined) request.headers["accept-encoding"] = acceptEncoding;
        if (ifNoneMatchHeader !== undefined) request.headers["if-none-match"] = ifNoneMatchHeader;
        const body = Buffer.concat(chunks);
        const kept = Object.fromEntries(Object.entries(headers).filter(([name, value]) => !PER_ANSWER.has(name) && value !== undefined));
        sealer?.seal(request, kept, body);
        const storable =
          stores &&
          status === 200 &&
          headers["set-cookie"] === undefined &&
          (machine
            ? headers["cache-control"] === MACHINE_CACHE_CONTROL
            : (headers["x-nextjs-cache"] === "HIT" || headers["x-nextjs-cache"] === "MISS") &&
              /^text\/html\b/i.test(String(headers["content-type"] ?? ""))) &&
          // Rendered from data read before a write that landed meanwhile: not kept.
          startedAt > lastRevalidation();
        response.writeHead = writeHead as unknown as ServerResponse["writeHead"];
        response.write = write as unknown as ServerResponse["write"];
        response.end = end as unknown as ServerResponse["end"];
        if (storable) {
          // A feed or sitemap keeps the ETag its route gave it (lib/http/conditional.ts).
          const first = chooseEncoding(acceptEncoding as string | undefined, offeredFor(body.length));
          const etag = machine && typeof headers.etag === "string" ? headers.etag : undefined;
          const page = storedPage(key, kept, body, first === "identity" ? "gzip" : first, etag, startedAt);
          if (request.method === "GET") keep(key, page);
          send(request, response, status, kept, page, body);
        } else passOn(request, response, status, kept, body);
        return this;
      } as ServerResponse["end"];
    },
  };
}
