import type { ServerResponse } from "node:http";

// The HTTP server's answers that change Next's as it sends them (the CDN policy, a malformed
// search's 400) do it as the headers go out: every path Node takes to send them passes through
// writeHead.

type Writer = (this: ServerResponse, ...args: unknown[]) => unknown;

/** The answer's head as it goes out: its status, and the header object writeHead was given, if any. */
export interface OutgoingHead {
  status: number;
  headers?: Record<string, unknown>;
}

/**
 * Calls `hook` just before `response`'s headers are sent. A status it answers replaces the one
 * being sent; it may also set headers on the response or edit `headers`. Hooks added later run first.
 */
export function beforeHeadersSent(response: ServerResponse, hook: (response: ServerResponse, head: OutgoingHead) => number | void): void {
  const writeHead = response.writeHead as unknown as Writer;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const status = typeof args[0] === "number" ? args[0] : this.statusCode;
    const headers = args.find((arg): arg is Record<string, unknown> => typeof arg === "object" && arg !== null && !Array.isArray(arg));
    const replaced = hook(this, { status, headers });
    if (replaced !== undefined && replaced !== status) {
      this.statusCode = replaced;
      if (typeof args[0] === "number") args[0] = replaced;
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
