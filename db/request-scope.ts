import { AsyncLocalStorage } from "node:async_hooks";
import { isDatabaseUnavailable } from "./errors";

// What one HTTP request did with the database, for the server (scripts/serve.ts) to answer by:
// whether a statement failed because the database was away (so a 500 that follows is a 503), and
// the deadline past which a write request's statements are no longer sent (so a slow database
// answers 503 with Retry-After instead of holding the request for as long as it likes). The
// server runs each request in a scope; the PostgreSQL client (db/client.ts) reads it before and
// after each statement. Code outside a request (the sweeper, scripts) has none and is not limited.

export interface RequestScope {
  /** Epoch ms after which no further statement is sent for this request. */
  writeDeadline?: number;
  /** A statement of this request failed because the database was unreachable or restarting. */
  databaseUnavailable: boolean;
  /** A reader's request for a public page or document: its selects may go to a replica (db/replicas.ts). */
  replicaReads?: boolean;
  /** The request has written: its reads go to the primary from then on. */
  wrote?: boolean;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/**
 * The longest a request's statement may take, waiting for a connection included: while the
 * database is unreachable, postgres-js keeps a statement queued until a connection opens, and the
 * request would wait as long as the database stays away.
 */
export const STATEMENT_WAIT_MS = 10_000;

/** Whether the caller runs for an HTTP request (not the sweeper, a script or a test). */
export function inRequestScope(): boolean {
  return scopes.getStore() !== undefined;
}

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return scopes.run(scope, run);
}

/** Notes on the current request, if any, that it wrote. */
export function noteWrite(): void {
  const scope = scopes.getStore();
  if (scope) scope.wrote = true;
}

/**
 * Whether the current select may read a replica: only for a reader's public request that has
 * not written. Everything else (the newsroom, the API, the sweeper, scripts) reads the primary.
 */
export function replicaReadAllowed(): boolean {
  const scope = scopes.getStore();
  return scope?.replicaReads === true && scope.wrote !== true;
}

/** A write that reached its deadline: nothing more is sent, and what the request began is rolled back. */
export class WriteDeadlineError extends Error {
  readonly code = "WRITE_DEADLINE";
  constructor() {
    super("The database is answering too slowly; the write was given up and nothing of it was kept.");
    this.name = "WriteDeadlineError";
  }
}

/** Throws WriteDeadlineError when the current request's write deadline has passed. */
export function checkWriteDeadline(now = Date.now()): void {
  const deadline = scopes.getStore()?.writeDeadline;
  if (deadline !== undefined && now > deadline) throw new WriteDeadlineError();
}

/**
 * How long after a statement failed because the database was away a 500 of any request is still
 * put down to it: Next renders a page once for all the requests that ask for it at the same time,
 * so the statement that failed may have run in another request's scope.
 */
export const OUTAGE_MEMORY_MS = 10_000;
let lastUnavailableAt = Number.NEGATIVE_INFINITY;

/** Records on the current request, and for the process, that `error` came from a database that was away. */
export function noteDatabaseError(error: unknown, now = Date.now()): void {
  if (!isDatabaseUnavailable(error)) return;
  lastUnavailableAt = now;
  const scope = scopes.getStore();
  if (scope) scope.databaseUnavailable = true;
}

/** Whether a failure of this request is the database's: its own statement failed, or one did moments ago. */
export function databaseWasAway(scope: RequestScope, now = Date.now()): boolean {
  return scope.databaseUnavailable || now - lastUnavailableAt < OUTAGE_MEMORY_MS;
}
