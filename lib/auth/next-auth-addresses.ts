import type { RouteMethod } from "@/lib/http/route";

// The addresses next-auth (v4) answers under /api/auth, and with which methods. Any other gets
// the API's JSON 404 or 405 (app/api/auth/[...nextauth]/route.ts), instead of next-auth's plain
// text 400 "This action with HTTP GET is not supported by NextAuth.js".

/** Each action, the methods it takes, and how many path segments it may have (signin/credentials). */
const ACTIONS = new Map<string, { methods: RouteMethod[]; segments: number }>([
  ["providers", { methods: ["GET"], segments: 1 }],
  ["csrf", { methods: ["GET"], segments: 1 }],
  ["session", { methods: ["GET", "POST"], segments: 1 }],
  ["signin", { methods: ["GET", "POST"], segments: 2 }],
  ["signout", { methods: ["GET", "POST"], segments: 1 }],
  ["callback", { methods: ["GET", "POST"], segments: 2 }],
  ["verify-request", { methods: ["GET"], segments: 1 }],
  ["error", { methods: ["GET"], segments: 2 }],
  ["_log", { methods: ["POST"], segments: 1 }],
]);

export type NextAuthAddress = { kind: "answered" } | { kind: "not-found" } | { kind: "method-not-allowed"; allowed: RouteMethod[] };

/** Whether next-auth answers `method` at /api/auth/<segments>. HEAD is a GET. */
export function nextAuthAddress(method: string, segments: readonly string[]): NextAuthAddress {
  const action = ACTIONS.get(segments[0] ?? "");
  if (!action || segments.length > action.segments) return { kind: "not-found" };
  const asked = method === "HEAD" ? "GET" : method;
  return action.methods.some((allowed) => allowed === asked) ? { kind: "answered" } : { kind: "method-not-allowed", allowed: action.methods };
}
