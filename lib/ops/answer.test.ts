import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerOps, bearerMatches, isOpsRequest, type OpsOptions } from "./answer";
import type { Readiness } from "./readiness";

// The operators' addresses as a load balancer and Prometheus meet them, over real HTTP.

const TOKEN = "metrics-token-for-the-test-0123456789";
let server: http.Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(options: Partial<OpsOptions> & { readiness?: () => Promise<Readiness> } = {}): Promise<string> {
  const settings: OpsOptions = {
    readiness: async () => ({ ready: true }),
    metricsToken: TOKEN,
    scraped: () => [{ name: "test_value", help: "A value.", read: () => [[{}, 1]] }],
    ...options,
  };
  server = http.createServer((request, response) => {
    if (isOpsRequest(request.url)) void answerOps(request, response, settings);
    else response.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("GET /api/health", () => {
  it("answers 200 with a tiny body, never stored", async () => {
    const response = await fetch(`${await serve({ readiness: async () => ({ ready: false, reason: "down" }) })}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers HEAD without a body and refuses other methods with 405 and Allow", async () => {
    const base = await serve();
    const head = await fetch(`${base}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(`${base}/api/health`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("GET /api/ready", () => {
  it("answers 200 when ready", async () => {
    const response = await fetch(`${await serve()}/api/ready`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("answers 503 with Retry-After and the reason when not", async () => {
    const response = await fetch(`${await serve({ readiness: async () => ({ ready: false, reason: "The database does not answer." }) })}/api/ready?probe=1`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "not ready", reason: "The database does not answer." });
  });
});

describe("GET /api/metrics", () => {
  it("answers the exposition to the operator's token", async () => {
    const response = await fetch(`${await serve()}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("\ntest_value 1\n");
  });

  it.each([
    ["no Authorization", undefined],
    ["another token", "Bearer not-the-metrics-token-0123456789"],
    ["the token without its scheme", TOKEN],
    ["Basic", `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`],
  ])("answers 401 to %s", async (_name, authorization) => {
    const response = await fetch(`${await serve()}/api/metrics`, { headers: authorization ? { authorization } : {} });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(await response.text()).not.toContain("test_value");
  });

  it("does not exist without METRICS_TOKEN", async () => {
    const response = await fetch(`${await serve({ metricsToken: undefined })}/api/metrics`, { headers: { authorization: "Bearer " } });
    expect(response.status).toBe(404);
  });
});

describe("isOpsRequest and bearerMatches", () => {
  it("takes the three addresses only, with or without a query", () => {
    expect(["/api/health", "/api/ready?x=1", "/api/metrics"].every(isOpsRequest)).toBe(true);
    expect(["/api/healthz", "/api/health/x", "/api/views", "/health", undefined].some(isOpsRequest)).toBe(false);
  });

  it("compares the whole token, case-insensitive in the scheme only", () => {
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.toUpperCase()}`, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
  });
});
