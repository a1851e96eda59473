import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { DATABASE_AWAY_RETRY_SECONDS, retryAfterHeader } from "@/lib/http/retry-after";
import { renderMetrics, type ScrapedValue } from "./metrics";
import type { Readiness } from "./readiness";

// The operators' addresses, answered by the HTTP server itself before Next.js (scripts/serve.ts):
// GET /api/health — the process lives and answers (200, always, nothing checked);
// GET /api/ready — this instance may be sent readers (lib/ops/readiness.ts), else 503 with
// Retry-After and the reason; GET /api/metrics — Prometheus text, with `Authorization: Bearer
// <METRICS_TOKEN>` only (401 without or with another; 404 when no token is configured, as for
// any address that does not exist). None of them is cached anywhere.

export const OPS_PATHS = { health: "/api/health", ready: "/api/ready", metrics: "/api/metrics" } as const;

/** How long a load balancer should wait before asking an instance that is not ready again. */

export interface OpsOptions {
  readiness: () => Promise<Readiness>;
  /** METRICS_TOKEN; without one, /api/metrics does not exist. */
  metricsToken: string | undefined;
  scraped: () => ScrapedValue[];
}

const NO_STORE = { "Cache-Control": "no-store" };

function send(request: IncomingMessage, response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const type = headers["Content-Type"] ?? "application/json";
  response.writeHead(status, { ...NO_STORE, "Content-Type": type, "Content-Length": Buffer.byteLength(body), ...headers });
  response.end(request.method === "HEAD" ? undefined : body);
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;
const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether `authorization` is `Bearer <token>`, compared in constant time. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

function pathOnly(url: string): string {
  const end = url.indexOf("?");
  return end === -1 ? url : url.slice(0, end);
}

/** Whether `url` is one of the operators' addresses (the server then answers it with answerOps). */
export function isOpsRequest(url: string | undefined): boolean {
  return url !== undefined && url.startsWith("/api/") && Object.values(OPS_PATHS).includes(pathOnly(url) as never);
}

/** Answers an operators' address (isOpsRequest); the promise settles once the answer is sent. */
export async function answerOps(request: IncomingMessage, response: ServerResponse, options: OpsOptions): Promise<void> {
  const path = pathOnly(request.url ?? "/");
  if (request.method !== "GET" && request.method !== "HEAD") {
    send(request, response, 405, json({ error: "This address answers GET and HEAD only." }), { Allow: "GET, HEAD" });
    return;
  }
  if (path === OPS_PATHS.health) {
    send(request, response, 200, json({ status: "ok" }));
    return;
  }
  if (path === OPS_PATHS.ready) {
    const answer = await options.readiness();
    if (answer.ready) send(request, response, 200, json({ status: "ready" }));
    else send(request, response, 503, json({ status: "not ready", reason: answer.reason }), retryAfterHeader(DATABASE_AWAY_RETRY_SECONDS));
    return;
  }
  if (!options.metricsToken) {
    send(request, response, 404, json({ error: "There is no API endpoint at this address." }));
    return;
  }
  if (!bearerMatches(request.headers.authorization, options.metricsToken)) {
    send(request, response, 401, json({ error: "The metrics need the operator's token: Authorization: Bearer <METRICS_TOKEN>." }), { "WWW-Authenticate": 'Bearer realm="metrics"' });
    return;
  }
  send(request, response, 200, renderMetrics(options.scraped()), { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
}
