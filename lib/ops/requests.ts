import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { observeRequest } from "./metrics";
import { loggablePath } from "./redact";
import { requestIdFrom, runInRequest } from "./request-context";

// Every request the HTTP server (scripts/serve.ts) takes, from arrival to the end of its answer:
// its id (X-Request-Id: the sender's when sane, else a new one; sent back on the answer), its one
// log line (method, path without secrets, status, duration) and its metrics, and the count of
// requests in flight that a graceful shutdown waits for (drain). The line is written when the
// answer ends or the connection drops: a cached page costs one pino line and two Map updates.

/** What a request is, for the metrics' labels: few values, whatever the address. */
export function routeKind(url: string): string {
  if (url.startsWith("/_next/")) return "static";
  if (url.startsWith("/api/")) {
    if (url.startsWith("/api/health") || url.startsWith("/api/ready") || url.startsWith("/api/metrics")) return "ops";
    if (url.startsWith("/api/views")) return "beacon";
    return url.startsWith("/api/admin/") ? "admin-api" : "api";
  }
  if (url.startsWith("/editor")) return "newsroom";
  if (url.startsWith("/media/")) return "media";
  if (/^\/(feed\.|sitemap|robots\.txt)|\/feed\.(xml|atom|json)$/.test(url.split("?")[0]!)) return "feed";
  return "page";
}

export interface RequestTracker {
  /** Takes a request: its id set and sent back, its line logged when it ends; `handle` runs as part of it. */
  track(request: IncomingMessage, response: ServerResponse, handle: () => void): void;
  /** Requests taken whose answer has not ended. */
  readonly inFlight: number;
  /**
   * Stops `server` taking connections and lets the requests in flight finish, each connection
   * closed once its answer ends; after `limitMs` the rest are cut. Resolves with how many were cut.
   */
  drain(server: Server, limitMs: number): Promise<number>;
  readonly draining: boolean;
}

export function requestTracker(): RequestTracker {
  const open = new Set<ServerResponse>();
  let draining = false;
  let drained: (() => void) | undefined;

  function ended(response: ServerResponse, server: Server | undefined) {
    open.delete(response);
    if (!draining) return;
    // Its connection is idle now: close it rather than wait for the client's next request.
    server?.closeIdleConnections();
    if (open.size === 0) drained?.();
  }

  let drainingServer: Server | undefined;

  return {
    get inFlight() {
      return open.size;
    },
    get draining() {
      return draining;
    },
    track(request, response, handle) {
      const started = performance.now();
      const id = requestIdFrom(request.headers["x-request-id"]);
      response.setHeader("X-Request-Id", id);
      if (draining) response.shouldKeepAlive = false;
      open.add(response);
      response.once("close", () => {
        const ms = performance.now() - started;
        const url = request.url ?? "/";
        const status = response.writableFinished ? response.statusCode : 499;
        log.info({ reqId: id, method: request.method, path: loggablePath(url), status, ms: Math.round(ms * 100) / 100 }, "request");
        observeRequest(routeKind(url), status, ms / 1000);
        ended(response, drainingServer);
      });
      runInRequest(id, handle);
    },
    drain(server, limitMs) {
      draining = true;
      drainingServer = server;
      server.close();
      // Answers not yet begun say Connection: close; connections with no request are closed now.
      for (const response of open) if (!response.headersSent) response.shouldKeepAlive = false;
      server.closeIdleConnections();
      if (open.size === 0) return Promise.resolve(0);
      return new Promise<number>((resolve) => {
        const timer = setTimeout(() => {
          const cut = open.size;
          server.closeAllConnections();
          resolve(cut);
        }, limitMs);
        drained = () => {
          clearTimeout(timer);
          resolve(0);
        };
      });
    },
  };
}
