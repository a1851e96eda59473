import { describe, expect, it } from "vitest";
import { DomainError, NotFoundError, RateLimitError } from "@/lib/errors";
import { retryAfterHeader } from "./retry-after";

// Clients (and the fault tests, scripts/fault-test.ts) read this header to know when to try again; an error
// without a wait must not send one.

describe("retryAfterHeader", () => {
  it.each<[string, number | DomainError | undefined, Record<string, string>]>([
    ["a wait in seconds", 5, { "Retry-After": "5" }],
    ["a day", 86_400, { "Retry-After": "86400" }],
    ["a rate limit", new RateLimitError("Too many comments just now.", 42), { "Retry-After": "42" }],
    ["an error with no wait", new NotFoundError(), {}],
    ["no wait at all", undefined, {}],
    ["a zero wait", 0, {}],
    ["a wait that is not a number", Number.NaN, {}],
  ])("for %s", (_name, wait, headers) => {
    expect(retryAfterHeader(wait)).toEqual(headers);
  });
});
