import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// The request a piece of server code is running for, so every log line it writes carries that
// request's id (lib/log.ts reads it). The HTTP server (scripts/serve.ts) runs each request inside
// its context; Next's route handlers, actions and pages run within it. It lives on globalThis:
// the server's bundle and Next's each load their own copy of this module.

interface RequestContext {
  id: string;
}

const KEY = Symbol.for("meridian.requestContext");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** Runs `run` as part of the request `id`: what it logs, now or later in its chain, carries the id. */
export function runInRequest<T>(id: string, run: () => T): T {
  return storage.run({ id }, run);
}

/** The id of the request the caller runs for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.id;
}

/** What a caller's own request id may be: short, and no character that could forge a log field. */
const SANE_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** The request's id: its `X-Request-Id` (a proxy's or a client's) when sane, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_ID.test(header) ? header : randomUUID();
}
