import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, stampClientIp } from "./client-ip";

const forwarded = {
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-port": "443",
  forwarded: "for=203.0.113.9;host=evil.example;proto=https",
  "x-real-ip": "203.0.113.9",
};

const incoming = (headers: Record<string, string>) =>
  ({ socket: { remoteAddress: "::ffff:192.0.2.10" }, headers: { host: "news.example.org", ...headers } }) as unknown as IncomingMessage;

describe("stampClientIp", () => {
  it("with no trusted proxy, drops every forwarded header the client sent, and its own client-IP header", () => {
    const request = incoming({ ...forwarded, [CLIENT_IP_HEADER]: "198.51.100.1", accept: "text/html" });
    stampClientIp(request, 0);
    expect(request.headers).toEqual({ host: "news.example.org", accept: "text/html", [CLIENT_IP_HEADER]: "192.0.2.10" });
  });

  it("behind trusted proxies, keeps what they forwarded and takes the client's address from it", () => {
    const request = incoming(forwarded);
    stampClientIp(request, 1);
    expect(request.headers).toEqual({ host: "news.example.org", ...forwarded, [CLIENT_IP_HEADER]: "203.0.113.9" });
  });
});
