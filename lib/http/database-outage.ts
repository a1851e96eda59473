import type { IncomingMessage, ServerResponse } from "node:http";
import { isDatabaseUnavailable } from "@/db/errors";
import { databaseWasAway, type RequestScope } from "@/db/request-scope";
import { DATABASE_AWAY_RETRY_SECONDS, retryAfterHeader } from "./retry-after";
import { readsFromReplica } from "./site-requests";
import { beforeHeadersSent } from "./write-head";

// While the database restarts or is out of reach, every answer that needs it is a 503 with
// Retry-After — never a 500 — whoever failed: a route handler (lib/http/route.ts answers those
// itself), a page or a server action Next renders as a 500, or the HTTP server's own work. The
// server gives each request a scope (db/request-scope.ts) in which the PostgreSQL client records
// a statement that failed that way; a 500 of such a request goes out as a 503, and so does any
// 500 in the seconds after one (the request may have waited on a render another one started). A write request
// also gets a deadline: a database too slow to finish it in time gets no further statement for
// it, and the answer is a 503 too, with what the request began rolled back. And a reader's request
// for a public page may read a replica (lib/http/site-requests.ts, db/replicas.ts).

/** How long a write request may keep sending statements. */
export const WRITE_DEADLINE_MS = 5000;

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The scope `request` runs in, its deadline ended once the answer is sent (work the request left
 * behind, such as a page regenerated in the background, is not a write the client waits for), and
 * its 500, if the database was away, sent as a 503 with Retry-After.
 */
export function databaseScope(request: IncomingMessage, response: ServerResponse, now = Date.now()): RequestScope {
  const scope: RequestScope = {
    databaseUnavailable: false,
    writeDeadline: WRITES.has(request.method ?? "") ? now + WRITE_DEADLINE_MS : undefined,
    replicaReads: readsFromReplica(request),
  };
  response.once("close", () => {
    scope.writeDeadline = undefined;
  });
  beforeHeadersSent(response, (sending, { status, headers }) => {
    if (status !== 500 || !databaseWasAway(scope)) return;
    if (headers) for (const name of Object.keys(headers)) if (/^(cache-control|retry-after)$/i.test(name)) delete headers[name];
    sending.setHeader("Cache-Control", "private, no-store");
    for (const [name, value] of Object.entries(retryAfterHeader(DATABASE_AWAY_RETRY_SECONDS))) sending.setHeader(name, value);
    return 503;
  });
  return scope;
}

/** The answer of the server's own failure (outside Next): a 503 to retry when the database was away, else a 500. */
export function serverFailure(error: unknown): { status: number; headers: Record<string, string>; body: string } {
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", ...retryAfterHeader(DATABASE_AWAY_RETRY_SECONDS) },
      body: "The site is briefly unavailable. Try again in a few seconds.",
    };
  }
  return { status: 500, headers: { "Content-Type": "text/plain" }, body: "Internal server error" };
}
