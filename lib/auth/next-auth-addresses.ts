import type { RouteMethod } from "@/lib/http/route";

// The requests next-auth (v4) answers under /api/auth. Any other gets the API's JSON 404, 405
// or 400 (app/api/auth/[...nextauth]/route.ts), instead of next-auth's plain-text 400 "This
// action with HTTP GET is not supported by NextAuth.js", or a 500 for an error code it cannot put in a header.

/**
 * Each action, the methods it takes, and how many path segments it may have (signin/credentials).
 * Not `_log`: with a logger set (lib/auth/options.ts) it would write whatever anyone posts there.
 */
const ACTIONS = new Map<string, { methods: RouteMethod[]; segments: number }>([
  ["providers", { methods: ["GET"], segments: 1 }],
  ["csrf", { methods: ["GET"], segments: 1 }],
  ["session", { methods: ["GET", "POST"], segments: 1 }],
  ["signin", { methods: ["GET", "POST"], segments: 2 }],
  ["signout", { methods: ["GET", "POST"], segments: 1 }],
  ["callback", { methods: ["GET", "POST"], segments: 2 }],
  ["verify-request", { methods: ["GET"], segments: 1 }],
  ["error", { methods: ["GET"], segments: 2 }],
]);

export type NextAuthAddress =
  | { kind: "answered" }
  | { kind: "not-found" }
  | { kind: "method-not-allowed"; allowed: RouteMethod[] }
  | { kind: "bad-request"; message: string };

/** Whether next-auth answers `method` at /api/auth/<segments>?<query>. HEAD is a GET. */
export function nextAuthAddress(method: string, segments: readonly string[], query: URLSearchParams): NextAuthAddress {
  const action = ACTIONS.get(segments[0] ?? "");
  if (!action || segments.length > action.segments) return { kind: "not-found" };
  const asked = method === "HEAD" ? "GET" : method;
  if (!action.methods.some((allowed) => allowed === asked)) return { kind: "method-not-allowed", allowed: action.methods };
  // A callbackUrl is not checked here: the route makes any of them a newsroom page (lib/auth/callback-url.ts).
  // The error page's code goes into a redirect's Location header: a word, as next-auth's codes are.
  const errorCode = segments[0] === "error" ? (query.get("error") ?? segments[1]) : undefined;
  if (errorCode !== undefined && !/^[A-Za-z]{1,60}$/.test(errorCode)) return { kind: "bad-request", message: "That is not a sign-in error code." };
  return { kind: "answered" };
}
