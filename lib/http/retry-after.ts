import { DomainError } from "@/lib/errors";

// Every refusal that can end by waiting — a rate limit or the sign-in throttle (429), the database
// or a stream away (503) — tells the client how long in one header, written the same way by the
// JSON API, the comment form's error page, the live links and sign-in.

/** How long a client is told to wait while the database is away or not ready: every such 503 says the same. */
export const DATABASE_AWAY_RETRY_SECONDS = 5;

/**
 * The Retry-After header for a wait in seconds, or for an error that carries one (a
 * RateLimitError's `details.retryAfter`); no header when there is no wait to announce.
 */
export function retryAfterHeader(wait: number | DomainError | undefined): Record<string, string> {
  const seconds = wait instanceof DomainError ? wait.details?.retryAfter : wait;
  return typeof seconds === "number" && seconds > 0 ? { "Retry-After": String(seconds) } : {};
}
