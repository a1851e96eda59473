import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { guardRequest, NEXT_INTERNAL_HEADERS, refusalFor } from "./refuse-request";

const get = (url: string) => ({ method: "GET", url, headers: { host: "news.example" } });
const action = (headers: IncomingHttpHeaders, url = "/editor/account") => ({
  method: "POST",
  url,
  headers: { host: "news.example", "next-action": "7f01", "content-type": "text/plain;charset=UTF-8", ...headers } as IncomingHttpHeaders,
});

describe("refusalFor: paths that do not decode", () => {
  it.each(["/media/%E0%A4%A", "/news/us/%ff%fe", "/preview/%E0%A4%A", "/%", "/api/%zz", "/news/%ff?before=3"])("refuses %s with a 400", (url) => {
    expect(refusalFor(get(url), 0)?.status).toBe(400);
  });

  it.each(["/_next/image?url=/media/%E0%A4%A&w=640&q=75", "/_next/image?url=%2Fmedia%2F%25E0%25A4%25A&w=640&q=75", "/_next/image?w=640&url=%2Fmedia%2F%25ff%3Fv%3D1"])(
    "refuses %s with a 400: the image optimizer decodes that path",
    (url) => {
      expect(refusalFor(get(url), 0)?.status).toBe(400);
    },
  );

  it.each(["/", "/news/us/a-story", "/media/a%20b.jpg", "/news?q=%ff", "/search?q=100%", "/caf%C3%A9", "/_next/image?url=%2Fmedia%2Fa%2520b.jpg&w=640&q=75", "/_next/image?url=https%3A%2F%2Fcdn.example%2F%25ff&w=640&q=75", "/_next/image"])("lets %s through", (url) => {
    expect(refusalFor(get(url), 0)).toBeNull();
  });
});

describe("refusalFor: server actions from another site", () => {
  it("lets an action from this site through", () => {
    expect(refusalFor(action({ origin: "https://news.example" }), 0)).toBeNull();
  });

  it("lets an action without an Origin through, as Next does", () => {
    expect(refusalFor(action({}), 0)).toBeNull();
  });

  it.each([["another site", "https://attacker.example"], ["another port", "https://news.example:8443"], ["an opaque origin", "null"], ["a malformed origin", "not a url"]])(
    "refuses an action from %s with a 403",
    (_name, origin) => {
      expect(refusalFor(action({ origin }), 0)?.status).toBe(403);
    },
  );

  it("refuses a cross-site multipart form without an action header, and any method but POST is no action", () => {
    const form = { method: "POST", url: "/editor/account", headers: { host: "news.example", origin: "https://attacker.example", "content-type": "multipart/form-data; boundary=x" } };
    expect(refusalFor(form, 0)?.status).toBe(403);
    expect(refusalFor({ ...form, method: "PUT" }, 0)).toBeNull();
  });

  it("leaves route handlers and plain posts to their own checks", () => {
    expect(refusalFor(action({ origin: "https://attacker.example" }, "/api/admin/media"), 0)).toBeNull();
    expect(refusalFor(action({ origin: "https://attacker.example" }, "/media/x.jpg"), 0)).toBeNull();
    const plain = { method: "POST", url: "/news/us", headers: { host: "news.example", origin: "https://attacker.example", "content-type": "application/x-www-form-urlencoded" } };
    expect(refusalFor(plain, 0)).toBeNull();
  });

  it("with TRUST_PROXY=0 compares with Host only: X-Forwarded-Host is anyone's claim", () => {
    expect(refusalFor(action({ origin: "https://attacker.example", "x-forwarded-host": "attacker.example" }), 0)?.status).toBe(403);
    expect(refusalFor(action({ origin: "https://news.example", "x-forwarded-host": "attacker.example" }), 0)).toBeNull();
  });

  it("behind a trusted proxy compares with the first X-Forwarded-Host, as Next does", () => {
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "news.example, 10.0.0.5" };
    expect(refusalFor(action({ ...proxied, origin: "https://news.example" }), 1)).toBeNull();
    expect(refusalFor(action({ ...proxied, origin: "http://10.0.0.5:3000" }), 1)?.status).toBe(403);
    expect(refusalFor(action({ host: "news.example", origin: "https://news.example" }), 1)).toBeNull();
  });
});

describe("guardRequest", () => {
  function run(request: { method: string; url: string; headers: IncomingHttpHeaders }, trustProxy = 0) {
    const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const response = {
      writeHead: (status: number, headers: Record<string, string>) => Object.assign(written, { status, headers }),
      end: (body: string) => Object.assign(written, { body }),
    };
    const outcome = guardRequest(request as unknown as IncomingMessage, response as unknown as ServerResponse, trustProxy);
    return { outcome, ...written };
  }

  it("answers a broken path in plain text, and in JSON under /api", () => {
    const page = run(get("/news/%ff"));
    expect(page).toMatchObject({ outcome: "answered", status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
    const api = run(get("/api/%ff"));
    expect(api).toMatchObject({ status: 400, headers: { "Content-Type": "application/json" } });
    expect(JSON.parse(api.body!)).toEqual({ error: expect.stringContaining("percent-encoding") });
  });

  it("drops X-Forwarded-Host unless a proxy is trusted, and lets good requests on to Next", () => {
    const direct = action({ origin: "https://news.example", "x-forwarded-host": "attacker.example" });
    expect(run(direct).outcome).toBe("continue");
    expect(direct.headers["x-forwarded-host"]).toBeUndefined();
    const proxied = action({ origin: "https://news.example", "x-forwarded-host": "news.example" });
    expect(run(proxied, 1).outcome).toBe("continue");
    expect(proxied.headers["x-forwarded-host"]).toBe("news.example");
  });

  it("drops every header only Next.js itself sends, and keeps the client navigation's", () => {
    const request: { method: string; url: string; headers: IncomingHttpHeaders } = get("/editor/people");
    Object.assign(request.headers, Object.fromEntries(NEXT_INTERNAL_HEADERS.map((name) => [name, "middleware:middleware:middleware:middleware:middleware"])), {
      rsc: "1",
      "next-router-state-tree": "%5B%5D",
      "next-action": "7f7f",
    });
    expect(run(request).outcome).toBe("continue");
    expect(NEXT_INTERNAL_HEADERS).toContain("x-middleware-subrequest");
    for (const name of NEXT_INTERNAL_HEADERS) expect(request.headers[name], name).toBeUndefined();
    expect(request.headers).toMatchObject({ rsc: "1", "next-router-state-tree": "%5B%5D", "next-action": "7f7f" });
  });
});
