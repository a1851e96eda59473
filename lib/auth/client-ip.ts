import type { IncomingMessage } from "node:http";

// Where a request comes from, decided once by the HTTP server (scripts/serve.ts) and handed to
// the application in a header only the server may set. X-Forwarded-For is believed only for
// as many hops as TRUST_PROXY says: otherwise anyone could claim any address. With no trusted
// proxy every forwarded header is the client's own claim and is dropped before Next.js sees it:
// Next compares a server action's Origin with X-Forwarded-Host, so a forged one would let
// another site's page post actions here.

export const CLIENT_IP_HEADER = "x-meridian-client-ip";

/** Headers only a proxy may set: about the client's address, and the host and scheme it asked for. */
const FORWARDED_HEADERS = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-port", "x-real-ip"];

export function clientIpOf(request: IncomingMessage, trustedProxies: number): string {
  const socketAddress = (request.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  if (trustedProxies <= 0) return socketAddress;
  const header = request.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // The last `trustedProxies` entries were added by our own proxies; the one before them is the client.
  return hops[hops.length - trustedProxies] ?? hops[0] ?? socketAddress;
}

/**
 * Replaces whatever the client sent in the header with the address the server decided, and,
 * with no trusted proxy, drops the forwarded headers the client sent.
 */
export function stampClientIp(request: IncomingMessage, trustedProxies: number): void {
  request.headers[CLIENT_IP_HEADER] = clientIpOf(request, trustedProxies);
  if (trustedProxies > 0) return;
  for (const header of FORWARDED_HEADERS) delete request.headers[header];
}

/** The address stamped by the server, for route handlers and server actions. */
export function clientIpFromHeaders(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(value) ? value[0] : value) ?? "unknown";
}
