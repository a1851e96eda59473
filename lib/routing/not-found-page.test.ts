import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { NOT_FOUND_PAGE, acceptsGzip, notFoundPages, replacesAnswer, watchesRequest } from "./not-found-page";

const get = (url: string, headers: IncomingHttpHeaders = {}, method = "GET") => ({ method, url, headers });

describe("watchesRequest: which answers may become the not-found page", () => {
  it.each(["/", "/news/us/no-such-story", "/no-such-section", "/tags/no-such-tag", "/authors/nobody", "/live/nowhere", "/news?before=12", "/preview/12"])(
    "watches GET %s",
    (url) => {
      expect(watchesRequest(get(url))).toBe(true);
    },
  );

  it("watches HEAD as GET", () => {
    expect(watchesRequest(get("/news/us/no-such-story", {}, "HEAD"))).toBe(true);
  });

  it.each(["POST", "PUT", "DELETE", "OPTIONS"])("leaves %s alone", (method) => {
    expect(watchesRequest(get("/news/us/no-such-story", {}, method))).toBe(false);
  });

  it.each([
    ["a client navigation", { rsc: "1" }],
    ["a router state", { "next-router-state-tree": "%5B%5D" }],
    ["a prefetch", { "next-router-prefetch": "1" }],
    ["a segment prefetch", { "next-router-segment-prefetch": "/_tree" }],
    ["a server action", { "next-action": "7f01" }],
  ])("leaves %s to Next's RSC answer", (_name, headers) => {
    expect(watchesRequest(get("/news/us/no-such-story", headers))).toBe(false);
  });

  it("leaves an RSC request marked only by its query alone", () => {
    expect(watchesRequest(get("/news/us/no-such-story?_rsc=abc12"))).toBe(false);
  });

  it.each([
    "/api/stories/12",
    "/api",
    "/_next/static/chunks/x.js",
    "/media/photo.jpg",
    "/editor/stories/99999",
    "/editor",
    "/feeds/sections/news",
    "/sitemaps/stories/1.xml",
    "/news/feed.xml",
    "/tags/no-such-tag/feed.xml",
    "/robots.txt",
    "/favicon.ico",
  ])("leaves %s alone: not a page of the site", (url) => {
    expect(watchesRequest(get(url))).toBe(false);
  });
});

describe("replacesAnswer: which answers are replaced", () => {
  it("replaces a 404 in HTML", () => {
    expect(replacesAnswer(404, "text/html; charset=utf-8")).toBe(true);
  });

  it.each([
    [200, "text/html; charset=utf-8"],
    [410, "text/html; charset=utf-8"],
    [500, "text/html; charset=utf-8"],
    [301, undefined],
    [404, "application/json"],
    [404, "text/x-component"],
    [404, "text/plain; charset=utf-8"],
    [404, undefined],
  ])("passes %s %s", (status, contentType) => {
    expect(replacesAnswer(status, contentType)).toBe(false);
  });
});

describe("acceptsGzip", () => {
  it.each(["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "deflate, GZIP"])("takes gzip from %s", (header) => {
    expect(acceptsGzip(header)).toBe(true);
  });

  it.each([undefined, "", "identity", "br", "deflate, br", "gzip;q=0", "gzip; q=0.0, br", "x-gzip2"])("sends plain for %s", (header) => {
    expect(acceptsGzip(header)).toBe(false);
  });
});

/** The raw answer, undecoded: fetch would unzip it. */
function getRaw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

const SHELL = '<!DOCTYPE html><html id="__next_error__"><head></head><body></body></html>';
const PAGE = '<!DOCTYPE html><html lang="en"><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>';

type Next = (request: IncomingMessage, response: ServerResponse) => void;

/** Stands in for Next: answers as the test says, in pieces as Next streams. */
const stream = (status: number, contentType: string, body: string, pageStatus = 200): Next => (request, response) => {
  if (request.url === NOT_FOUND_PAGE) {
    response.writeHead(pageStatus, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" });
    response.end(PAGE);
    return;
  }
  response.statusCode = status;
  response.setHeader("Content-Type", contentType);
  response.setHeader("X-Next", "1");
  response.flushHeaders();
  response.write(body.slice(0, 10));
  setImmediate(() => response.end(body.slice(10)));
};

/** What compression middleware does: marks the headers as they go out and rewrites every chunk. */
function wrapLikeCompression(response: ServerResponse) {
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  const write = response.write.bind(response) as (chunk: string) => boolean;
  const end = response.end.bind(response) as (chunk?: string) => ServerResponse;
  response.writeHead = ((...args: unknown[]) => {
    response.setHeader("X-Wrapped", "1");
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
  response.write = ((chunk: string) => write(`[${chunk}]`)) as ServerResponse["write"];
  response.end = ((chunk?: string) => end(chunk === undefined ? undefined : `[${chunk}]`)) as ServerResponse["end"];
}

let server: http.Server | undefined;
let requests: string[] = [];

async function serve(next: Next, options: { compress?: boolean } = {}) {
  requests = [];
  server = http.createServer();
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const notFound = notFoundPages(port);
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const route = notFound.route(request);
    requests.push(`${route} ${request.url}`);
    if (route === "watch") notFound.hold(response);
    // The server asks for its page without Accept-Encoding: nothing compresses it.
    if (options.compress && route !== "internal") wrapLikeCompression(response);
    next(request, response);
  });
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

describe("notFoundPages: the answer sent", () => {
  it("sends the not-found page, with 404 and the page's headers, in place of Next's 404 HTML", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL));
    const response = await getRaw(`${base}/news/us/no-such-story`, { "accept-encoding": "identity" });
    expect(response.status).toBe(404);
    expect(response.body.toString()).toBe(PAGE);
    expect(response.headers["cache-control"]).toBe("private, no-store");
    expect(response.headers["x-next"]).toBeUndefined();
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(PAGE)));
    expect(requests).toEqual(["watch /news/us/no-such-story", `internal ${NOT_FOUND_PAGE}`]);
  });

  it("gzips the page for a client that takes gzip", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL), { compress: true });
    const response = await getRaw(`${base}/news/us/no-such-story`, { "accept-encoding": "gzip, deflate, br" });
    expect(response.status).toBe(404);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers["content-length"]).toBe(String(response.body.length));
    expect(gunzipSync(response.body).toString()).toBe(PAGE);
  });

  it("answers HEAD with the page's headers and no body", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL));
    const response = await fetch(`${base}/news/us/no-such-story`, { method: "HEAD" });
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toBe("");
  });

  it("sends the page raw under a compressing wrapper", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL), { compress: true });
    const response = await fetch(`${base}/tags/no-such-tag`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(PAGE);
    expect(response.headers.get("x-wrapped")).toBeNull();
  });

  it.each([
    ["a page", 200, "text/html; charset=utf-8"],
    ["a 410 page", 410, "text/html; charset=utf-8"],
    ["a 404 that is not HTML", 404, "text/plain; charset=utf-8"],
  ])("passes %s through as Next wrote it", async (_name, status, contentType) => {
    const base = await serve(stream(status, contentType, SHELL), { compress: true });
    const response = await fetch(`${base}/news/us/a-story`);
    expect(response.status).toBe(status);
    expect(response.headers.get("x-next")).toBe("1");
    expect(response.headers.get("x-wrapped")).toBe("1");
    expect(await response.text()).toBe(`[${SHELL.slice(0, 10)}][${SHELL.slice(10)}]`);
    expect(requests).toEqual(["watch /news/us/a-story"]);
  });

  it("leaves a client navigation's 404 to Next", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL));
    const response = await fetch(`${base}/news/us/no-such-story`, { headers: { RSC: "1" } });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(SHELL);
    expect(requests).toEqual(["pass /news/us/no-such-story"]);
  });

  it("sends Next's own answer when the page cannot be had, and asks for it only once", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL, 404));
    const response = await fetch(`${base}/news/us/no-such-story`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-next")).toBe("1");
    expect(await response.text()).toBe(SHELL);
    expect(requests).toEqual(["watch /news/us/no-such-story", `internal ${NOT_FOUND_PAGE}`]);
  });

  it("renders the page once for a burst of 404s", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL));
    const paths = ["/news/us/no-such-story", "/tags/no-such-tag", "/authors/nobody"];
    const answers = await Promise.all(paths.map((path) => fetch(`${base}${path}`).then((response) => response.text())));
    expect(answers).toEqual([PAGE, PAGE, PAGE]);
    expect(requests.filter((line) => line.startsWith("internal"))).toHaveLength(1);
  });

  it("asks for the page again after it could not be had", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL, 500));
    await (await fetch(`${base}/news/us/no-such-story`)).text();
    expect(await (await fetch(`${base}/news/us/no-such-story`)).text()).toBe(SHELL);
    expect(requests.filter((line) => line.startsWith("internal"))).toHaveLength(2);
  });

  it("gives anyone else who asks for the page's own address an unknown path", async () => {
    const base = await serve(stream(404, "text/html; charset=utf-8", SHELL));
    const response = await fetch(`${base}${NOT_FOUND_PAGE}`, { headers: { "x-meridian-not-found": "guessed" } });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(PAGE);
    expect(requests).toEqual(["watch /_not-addressable", `internal ${NOT_FOUND_PAGE}`]);
  });
});
