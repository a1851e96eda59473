import { randomBytes } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { chooseEncoding, compress, varyOnAcceptEncoding } from "@/lib/http/encoding";
import { isSiteDocumentRequest, pathOf } from "@/lib/http/site-requests";

// Runs in the HTTP server (scripts/serve.ts): every 404 page of the public site is sent with the
// real not-found page in its HTML. Next.js 16 renders a page that calls notFound() as an empty
// error shell (the "Page not found" text only arrives with the client-side payload), so readers
// without JavaScript, crawlers and link checkers saw a blank page. The server lets Next answer as
// usual and, when the answer to a page request turns out to be a 404 in HTML, sends the page at
// NOT_FOUND_PAGE instead, asked of itself over loopback. Any other answer passes after one status
// check. Client navigations (RSC requests) keep Next's own 404 payload.

/** The not-found page with the site's header and footer. Only this server's own request reaches it. */
export const NOT_FOUND_PAGE = "/page-not-found";
/** Asked for by its own address, the page is an unknown path (and answered as one). */
const NOT_ADDRESSABLE = "/_not-addressable";
const MARKER = "x-meridian-not-found";
/** Headers of the loopback answer that belong to that connection, not to the page. */
const CONNECTION_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "etag"]);
const LOOPBACK_TIMEOUT_MS = 10_000;
/**
 * How long one rendering of the page serves every 404. A burst of unknown addresses (a crawler,
 * a scanner) costs one render, not one each; the page only shows the section navigation and
 * whether a stream is on air, which cached pages show with more delay than this.
 */
const REUSE_MS = 10_000;

interface RequestHead {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

interface RenderedPage {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** Made on first use and kept with the page, like Next's compression of its own answers. */
  gzipped?: Buffer;
}

/** Whether the answer to this request is a document that may become the not-found page. */
export function watchesRequest(request: RequestHead): boolean {
  return isSiteDocumentRequest(request);
}

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return chooseEncoding(acceptEncoding, ["gzip"]) === "gzip";
}

/** Whether Next's answer is the one to replace: a 404 in HTML. */
export function replacesAnswer(status: number, contentType: number | string | string[] | undefined): boolean {
  return status === 404 && typeof contentType === "string" && /^text\/html\b/i.test(contentType);
}

type Writer = (this: ServerResponse, ...args: unknown[]) => unknown;

/**
 * Lets Next write `response` as usual until its headers go out. An answer other than a 404 in HTML
 * then passes through untouched; a 404 in HTML is held (Next's body kept aside) and replaced by
 * what `render` gives, or sent as Next wrote it if `render` fails.
 */
function holdNotFound(response: ServerResponse, render: () => Promise<RenderedPage>): void {
  const writeHead = response.writeHead as unknown as Writer;
  const flushHeaders = response.flushHeaders as unknown as Writer;
  const write = response.write as unknown as Writer;
  const end = response.end as unknown as Writer;
  let state: "open" | "passed" | "held" = "open";
  const held: Buffer[] = [];

  const isHeld = (status: unknown = response.statusCode) => {
    if (state === "open") {
      state = typeof status === "number" && replacesAnswer(status, response.getHeader("content-type")) ? "held" : "passed";
    }
    return state === "held";
  };
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") held.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) held.push(Buffer.from(chunk));
  };
  const callbackOf = (args: unknown[]) => args.find((arg): arg is () => void => typeof arg === "function");

  const send = (page: RenderedPage | undefined) => {
    state = "passed";
    if (response.destroyed) return;
    // Next's own methods, not the wrappers Next put on top (compression): the page is sent as is.
    if (page) {
      for (const name of response.getHeaderNames()) response.removeHeader(name);
      const gzip = acceptsGzip(response.req?.headers["accept-encoding"]);
      const body = gzip ? (page.gzipped ??= compress(page.body, "gzip")) : page.body;
      writeHead.call(response, 404, {
        ...page.headers,
        vary: varyOnAcceptEncoding(page.headers.vary),
        ...(gzip ? { "content-encoding": "gzip" } : {}),
        "content-length": body.length,
      });
      end.call(response, body);
    } else {
      writeHead.call(response, response.statusCode);
      end.call(response, Buffer.concat(held));
    }
  };

  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (isHeld(args[0])) return this;
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  response.flushHeaders = function (this: ServerResponse) {
    if (!isHeld()) flushHeaders.call(this);
  };
  response.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!isHeld()) return write.apply(this, args);
    keep(args[0], args[1]);
    const callback = callbackOf(args);
    if (callback) process.nextTick(callback);
    return true;
  } as ServerResponse["write"];
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!isHeld()) return end.apply(this, args);
    if (typeof args[0] !== "function") keep(args[0], args[1]);
    const callback = callbackOf(args);
    if (callback) response.once("finish", callback);
    render().then(send, () => send(undefined));
    return this;
  } as ServerResponse["end"];
}

/** The not-found page as this server answers it, over loopback. */
function renderOverLoopback(port: number, token: string): Promise<RenderedPage> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: NOT_FOUND_PAGE, headers: { [MARKER]: token, accept: "text/html" } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("error", reject);
      answer.on("end", () => {
        if (answer.statusCode !== 200 || !/^text\/html\b/i.test(answer.headers["content-type"] ?? "")) {
          reject(new Error(`The not-found page answered ${answer.statusCode}`));
          return;
        }
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!CONNECTION_HEADERS.has(name)) headers[name] = value;
        resolve({ headers, body: Buffer.concat(chunks) });
      });
    });
    request.setTimeout(LOOPBACK_TIMEOUT_MS, () => request.destroy(new Error("The not-found page timed out")));
    request.on("error", reject);
  });
}

type NotFoundRoute = "internal" | "watch" | "pass";

/** One rendering at a time, reused for REUSE_MS; a failed one is not kept. */
function reused(render: () => Promise<RenderedPage>): () => Promise<RenderedPage> {
  let last: { page: Promise<RenderedPage>; at: number } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > REUSE_MS) {
      const page = render();
      last = { page, at: now };
      page.catch(() => {
        if (last?.page === page) last = undefined;
      });
    }
    return last.page;
  };
}

/** The not-found pages of the server listening on `port`. */
export function notFoundPages(port: number) {
  const token = randomBytes(16).toString("hex");
  const renderPage = reused(() => renderOverLoopback(port, token));
  return {
    /**
     * Before anything else: the server's own request for the not-found page goes to it ("internal",
     * never watched, so never a loop); anyone else asking for that page gets an unknown path.
     */
    route(request: IncomingMessage): NotFoundRoute {
      if (request.headers[MARKER] === token) {
        request.url = NOT_FOUND_PAGE;
        return "internal";
      }
      if (pathOf(request.url ?? "/") === NOT_FOUND_PAGE) request.url = NOT_ADDRESSABLE;
      return watchesRequest(request) ? "watch" : "pass";
    },
    /** Right before Next answers a "watch" request. */
    hold(response: ServerResponse): void {
      holdNotFound(response, renderPage);
    },
  };
}
