import { describe, expect, it } from "vitest";
import { readAnswer, refusalMessage, sendAndReport, type SendResult } from "./send-and-report";

// Every answer the admin API gives comes back as one kind of result, whatever component asked.

const NOW = Date.parse("2026-12-06T10:00:00Z");

describe("readAnswer", () => {
  it.each<[string, number, Record<string, unknown>, string | null, SendResult<unknown>]>([
    ["2xx is ok with the body", 201, { id: 7 }, null, { kind: "ok", status: 201, data: { id: 7 } }],
    [
      "409 carries who saved the newer revision",
      409,
      { error: "Changed.", updatedBy: "Ada", updatedAt: "2026-12-06T09:00:00Z", revision: 4 },
      null,
      { kind: "conflict", status: 409, error: "Changed.", conflict: { updatedBy: "Ada", updatedAt: "2026-12-06T09:00:00Z", revision: 4 } },
    ],
    ["422 carries the field errors", 422, { error: "Check.", fieldErrors: { slug: "Taken" } }, null, { kind: "invalid", status: 422, error: "Check.", fieldErrors: { slug: "Taken" } }],
    ["422 without fields has none", 422, {}, null, { kind: "invalid", status: 422, error: undefined, fieldErrors: {} }],
    ["401 is denied", 401, { error: "Sign in." }, null, { kind: "denied", status: 401, error: "Sign in." }],
    ["403 is denied", 403, {}, null, { kind: "denied", status: 403, error: undefined }],
    ["429 with seconds", 429, { error: "Slow down." }, "30", { kind: "busy", status: 429, error: "Slow down.", retryAfterSeconds: 30 }],
    ["503 with an HTTP date", 503, {}, "Sun, 06 Dec 2026 10:00:05 GMT", { kind: "busy", status: 503, error: undefined, retryAfterSeconds: 5 }],
    ["503 with no or a bad header", 503, {}, "soon", { kind: "busy", status: 503, error: undefined, retryAfterSeconds: null }],
    ["any other status is refused", 404, { error: "Not found" }, null, { kind: "refused", status: 404, error: "Not found" }],
    ["a non-string error is no message", 500, { error: 42 }, null, { kind: "refused", status: 500, error: undefined }],
  ])("%s", (_, status, body, retryAfter, expected) => {
    expect(readAnswer(status, body, retryAfter, NOW)).toEqual(expected);
  });
});

describe("refusalMessage", () => {
  it("prefers the server's message, else names the status", () => {
    expect(refusalMessage({ kind: "refused", status: 500, error: "Oops." }, "Not saved")).toBe("Oops.");
    expect(refusalMessage({ kind: "refused", status: 500 }, "Not saved")).toBe("Not saved (500).");
  });
});

describe("sendAndReport", () => {
  it("sends JSON with its content type and reads the answer", async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return Response.json({ revision: 3 }, { status: 200 });
    }) as typeof fetch;
    const result = await sendAndReport("/api/x", { method: "PATCH", body: { a: 1 }, fetchImpl: fakeFetch });
    expect(result).toEqual({ kind: "ok", status: 200, data: { revision: 3 } });
    expect(calls).toEqual([["/api/x", { method: "PATCH", headers: { "Content-Type": "application/json" }, body: '{"a":1}' }]]);
  });

  it("sends no body and no content type when there is nothing to send", async () => {
    let seen: RequestInit | undefined;
    const fakeFetch = (async (_: string, init?: RequestInit) => {
      seen = init;
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    expect(await sendAndReport("/api/x", { fetchImpl: fakeFetch })).toEqual({ kind: "ok", status: 204, data: {} });
    expect(seen).toEqual({ method: "POST", headers: {}, body: undefined });
  });

  it("passes an abort signal on, so a superseded search can be cancelled", async () => {
    const controller = new AbortController();
    let seen: RequestInit | undefined;
    const fakeFetch = (async (_: string, init?: RequestInit) => {
      seen = init;
      return Response.json({ results: [] });
    }) as typeof fetch;
    await sendAndReport("/api/x", { method: "GET", signal: controller.signal, fetchImpl: fakeFetch });
    expect(seen?.signal).toBe(controller.signal);
  });

  it("reads Retry-After from the response and survives a body that is not JSON", async () => {
    const fakeFetch = (async () => new Response("<html>busy</html>", { status: 503, headers: { "Retry-After": "5" } })) as typeof fetch;
    expect(await sendAndReport("/api/x", { fetchImpl: fakeFetch })).toEqual({ kind: "busy", status: 503, error: undefined, retryAfterSeconds: 5 });
  });

  it("reports a network failure as offline instead of throwing", async () => {
    const fakeFetch = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await sendAndReport("/api/x", { fetchImpl: fakeFetch })).toEqual({ kind: "offline" });
  });
});
