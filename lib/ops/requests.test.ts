import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { captureLog, log } from "@/lib/log";
import { renderMetrics } from "./metrics";
import { requestTracker, routeKind, type RequestTracker } from "./requests";

// Each request's id, line and metrics, and a drain that lets the requests in flight finish while
// the server takes no new connection, over real HTTP.

let server: http.Server | undefined;
let logged: ReturnType<typeof captureLog> | undefined;

afterEach(async () => {
  logged?.stop();
  logged = undefined;
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server whose /slow answers after `ms` and whose other addresses answer at once, logging a line as they do. */
async function serve(tracker: RequestTracker, slowMs = 0): Promise<string> {
  server = http.createServer((request, response) =>
    tracker.track(request, response, () => {
      log.info("handling");
      if (request.url?.startsWith("/slow")) setTimeout(() => response.end("slow done"), slowMs);
      else response.end("quick");
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("requestTracker", () => {
  it("gives each request an id, sends it back and writes it on every line, with one line per request", async () => {
    logged = captureLog();
    const base = await serve(requestTracker());
    const own = await fetch(`${base}/news/us?token=abc`, { headers: { "x-request-id": "lb-1234.abc" } });
    expect(own.headers.get("x-request-id")).toBe("lb-1234.abc");
    await own.text();
    const forged = await fetch(`${base}/editor/invite/secret-invite`, { headers: { "x-request-id": 'a"b\\c' + "x".repeat(200) } });
    const generated = forged.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await forged.text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = logged.lines();
    expect(lines.map((line) => [line.reqId, line.msg])).toEqual([
      ["lb-1234.abc", "handling"],
      ["lb-1234.abc", "request"],
      [generated, "handling"],
      [generated, "request"],
    ]);
    expect(lines[1]).toMatchObject({ level: "info", method: "GET", path: "/news/us?token=[redacted]", status: 200 });
    expect(lines[3]).toMatchObject({ path: "/editor/invite/[redacted]" });
    expect(typeof lines[1]!.ms).toBe("number");
  });

  it("counts each answered request in the metrics by its route kind and status", async () => {
    const base = await serve(requestTracker());
    const count = () => Number(/meridian_http_requests_total\{kind="media",status="200"\} (\d+)/.exec(renderMetrics([]))?.[1] ?? 0);
    const before = count();
    await (await fetch(`${base}/media/2026/11/a.jpg`)).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(count() - before).toBe(1);
  });

  it("lets a request in flight finish when draining, and takes no new connection", async () => {
    const tracker = requestTracker();
    const base = await serve(tracker, 400);
    const slow = fetch(`${base}/slow`).then(async (response) => ({ status: response.status, body: await response.text(), connection: response.headers.get("connection") }));
    while (tracker.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const drained = tracker.drain(server!, 5000);
    expect(tracker.draining).toBe(true);
    await expect(fetch(`${base}/quick`)).rejects.toThrow();
    expect(await slow).toEqual({ status: 200, body: "slow done", connection: "close" });
    expect(await drained).toBe(0);
    expect(tracker.inFlight).toBe(0);
  });

  it("cuts what is still running at the limit, and says how many", async () => {
    const tracker = requestTracker();
    const base = await serve(tracker, 60_000);
    const slow = fetch(`${base}/slow`).then(
      () => "answered",
      () => "cut",
    );
    while (tracker.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await tracker.drain(server!, 100)).toBe(1);
    expect(await slow).toBe("cut");
  });
});

describe("routeKind", () => {
  it.each([
    ["/", "page"],
    ["/news/us/storm?x=1", "page"],
    ["/news/feed.xml", "feed"],
    ["/sitemaps/stories-1.xml", "feed"],
    ["/robots.txt", "feed"],
    ["/_next/static/chunks/a.js", "static"],
    ["/api/health", "ops"],
    ["/api/views", "beacon"],
    ["/api/admin/stories", "admin-api"],
    ["/api/stories/1/comments", "api"],
    ["/editor/stories", "newsroom"],
    ["/media/2026/a.jpg", "media"],
  ])("%s is %s", (url, kind) => {
    expect(routeKind(url)).toBe(kind);
  });
});
