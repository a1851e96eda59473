import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { isDocumentRequest, isSiteDocumentRequest, pathOf } from "./site-requests";
import { beforeHeadersSent } from "./write-head";

// The Content-Security-Policy of every answer, and HSTS, set by the HTTP server (scripts/serve.ts).
//
// - The newsroom, previews and next-auth's own pages are rendered per request: each gets a fresh
//   nonce, handed to Next.js in the request's Content-Security-Policy header (the header Next
//   reads the nonce from, as its proxy.ts recipe sets it; the server is already in front of Next,
//   so no proxy is needed), and `script-src 'nonce-…' 'strict-dynamic'`.
// - Public pages are cached and sent from stored bytes (lib/http/page-store.ts), the same bytes
//   to every reader, so no nonce: their policy names the SHA-256 of each inline script of the
//   page, computed once from the whole HTML when the server first sees it (`sealPolicy`), kept
//   with the stored page and sent with every hit; the framework's files load from 'self'.
// - Anything else (JSON, feeds, images, files) gets a policy that allows nothing.
//
// Styles: 'unsafe-inline' for styles only. Next's images and React's `style` props write style
// attributes into the server HTML, which a nonce cannot cover, and a style cannot run script.

/** Paths rendered per request for one person: nonce-based. */
const NONCE_PATHS = /^\/(editor|preview|api\/auth)(\/|$)/;
/** The newsroom's pages (the reading site's are site documents: lib/http/site-requests.ts). */
const NEWSROOM = /^\/editor(\/|$)/;
const CSP = "content-security-policy";
const HSTS = "max-age=63072000; includeSubDomains";
/**
 * The answers that are not pages: nothing may load or run in them. Inline styles and data: images
 * only, which Chromium's own viewer of an XML document (a feed, a sitemap) puts into it to show it.
 */
export const NOTHING_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export interface PolicyOptions {
  /** The public address (SITE_URL): forms and next-auth's redirects go to its origin. */
  siteUrl: string;
  /** LIVE_ALLOW_HTTP: live streams may then be plain http addresses. */
  liveAllowHttp: boolean;
  /** React's development build evaluates code (never in production). */
  dev?: boolean;
  /** S3_PUBLIC_BASE_URL: pages show uploaded images from there. */
  mediaBaseUrl?: string;
}

/** The directives every document shares; `scripts` is its script-src sources. */
function documentPolicy(scripts: string[], { siteUrl, liveAllowHttp, dev, mediaBaseUrl }: PolicyOptions): string {
  // Live streams are any https address the live desk is given (or http with LIVE_ALLOW_HTTP), and
  // pages already open follow a change of address without a reload: hls.js fetches the playlist
  // and segments (connect-src), a plain MP3 or native HLS plays from it (media-src), and hls.js
  // runs its demuxer in a worker made from a blob.
  const streams = liveAllowHttp ? "https: http:" : "https:";
  const origin = new URL(siteUrl).origin;
  return [
    "default-src 'self'",
    `script-src ${[...scripts, ...(dev ? ["'unsafe-eval'"] : [])].join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${mediaBaseUrl ? ` ${new URL(mediaBaseUrl).origin}` : ""}`,
    `media-src 'self' blob: ${streams}`,
    `connect-src 'self' ${streams}`,
    "font-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${origin}`,
  ].join("; ");
}

/** The newsroom's policy for one answer. */
export function noncePolicy(nonce: string, options: PolicyOptions): string {
  return documentPolicy([`'nonce-${nonce}'`, "'strict-dynamic'"], options);
}

/** A public page's policy: its own inline scripts by hash, the framework's files from 'self'. */
export function hashPolicy(hashes: string[], options: PolicyOptions): string {
  return documentPolicy(["'self'", ...hashes], options);
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const TYPE = /\btype\s*=\s*["']?([^"'\s>]+)/i;
/** Script types a browser runs (a data block such as application/ld+json is not run, and not governed). */
const RUN_TYPES = /^(text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript)$/i;

/** The `'sha256-…'` source of each distinct inline script a browser would run in `html`. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = "", content = ""] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = TYPE.exec(attributes)?.[1];
    if (type !== undefined && !RUN_TYPES.test(type)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

const headerIn = (headers: Record<string, unknown> | undefined, name: string) =>
  Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);

export function securityHeaders(options: PolicyOptions) {
  const https = new URL(options.siteUrl).protocol === "https:";
  return {
    /**
     * First thing for every request: a client's own Content-Security-Policy request header is
     * dropped (only the server names a nonce), a newsroom request gets its nonce, and every answer
     * gets HSTS on an https site and a policy: its own (set before or by `sealPolicy`), or none allowed.
     */
    prepare(request: IncomingMessage, response: ServerResponse): void {
      delete request.headers[CSP];
      delete request.headers[`${CSP}-report-only`];
      if (NONCE_PATHS.test(pathOf(request.url ?? "/"))) {
        const policy = noncePolicy(randomBytes(16).toString("base64"), options);
        request.headers[CSP] = policy;
        response.setHeader(CSP, policy);
      }
      if (https) response.setHeader("Strict-Transport-Security", HSTS);
      beforeHeadersSent(response, (sending, { headers }) => {
        if (!sending.hasHeader(CSP) && !headerIn(headers, CSP)) sending.setHeader(CSP, NOTHING_POLICY);
      });
    },

    /** Which answers are held whole for `seal` (lib/http/page-store.ts): every page a browser asks for. */
    holds(request: IncomingMessage): boolean {
      return isSiteDocumentRequest(request) || (NEWSROOM.test(pathOf(request.url ?? "/")) && isDocumentRequest(request));
    },

    /**
     * The policy of an HTML answer held whole, set in `headers`: a newsroom page rendered with its
     * nonce keeps its nonce policy; any other page (a cached one, or one Next had prerendered,
     * such as its not-found page) names the hashes of its inline scripts.
     */
    seal(request: IncomingMessage, headers: OutgoingHttpHeaders, body: Buffer): void {
      if (!/^text\/html\b/i.test(String(headers["content-type"] ?? ""))) return;
      const nonced = request.headers[CSP];
      const html = body.toString("utf8");
      if (typeof nonced === "string" && headers[CSP] === nonced && (html.includes(`nonce="${nonceOf(nonced)}"`) || !/<script\b/i.test(html))) return;
      headers[CSP] = hashPolicy(inlineScriptHashes(html), options);
    },
  };
}
