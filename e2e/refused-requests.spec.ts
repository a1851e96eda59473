import { type APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures/test";

// Requests the application refuses, sent raw: each gets its own 4xx with a short message, never
// a 500 or an HTML page where a program expects JSON.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

async function expectJsonError(response: APIResponse, status: number) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  expect(typeof (await response.json()).error).toBe("string");
}

test.describe("the API answers JSON, always", () => {
  const unknown = ["/api", "/api/nope", "/api/admin/nope", "/api/stories/1/nope", "/api/admin/stories/1/nope", "/api/live/video/nope", "/api/auth/nope", "/api/auth/nope/deeper", "/api/auth/_log"];
  for (const path of unknown) {
    test(`404 with a JSON body for every method at ${path}`, async ({ request }) => {
      for (const method of METHODS) await expectJsonError(await request.fetch(path, { method }), 404);
    });
  }

  const unsupported: [method: string, path: string, allow: string][] = [
    ["DELETE", "/api/live", "GET"],
    ["POST", "/api/live/video", "GET"],
    ["PUT", "/api/admin/stories", "POST"],
    ["GET", "/api/admin/stories", "POST"],
    ["DELETE", "/api/admin/stories/1", "GET, PATCH"],
    ["PATCH", "/api/stories/1/comments", "GET, POST"],
    ["DELETE", "/api/auth/csrf", "GET"],
    ["POST", "/api/auth/providers", "GET"],
  ];
  for (const [method, path, allow] of unsupported) {
    test(`405 with a JSON body and Allow for ${method} ${path}`, async ({ request }) => {
      const response = await request.fetch(path, { method });
      await expectJsonError(response, 405);
      expect(response.headers()["allow"]?.split(", ")).toEqual(expect.arrayContaining(allow.split(", ")));
    });
  }

  test("400 with a JSON body for an error code next-auth cannot use", async ({ request }) => {
    for (const path of [
      "/api/auth/error?error=%E2%82%AC",
      "/api/auth/error/%E2%82%AC",
    ]) {
      await expectJsonError(await request.get(path, { maxRedirects: 0 }), 400);
    }
  });
});

test.describe("a path that does not decode is a bad request", () => {
  for (const path of [
    "/media/%E0%A4%A",
    "/news/us/%ff%fe",
    "/preview/%E0%A4%A",
    "/%E0%A4%A",
    "/news/%ff?before=3",
    "/editor/%ff",
    "/live/%E0%A4%A",
    "/_next/%ff",
    "/_next/image?url=/media/%E0%A4%A&w=640&q=75",
    "/_next/image?url=%2Fmedia%2F%25E0%25A4%25A&w=640&q=75",
  ]) {
    test(`400 for ${path}`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(400);
      expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(/address/i);
    });
  }

  test("400 with a JSON body under /api", async ({ request }) => {
    for (const path of ["/api/%E0%A4%A", "/api/stories/%ff/comments"]) await expectJsonError(await request.post(path), 400);
  });
});

test.describe("a server action from another site is refused", () => {
  const action = { "Next-Action": "7f0123456789abcdef0123456789abcdef012345", "Content-Type": "text/plain;charset=UTF-8" };

  for (const path of ["/editor/account", "/editor/comments", "/", "/news/us"]) {
    test(`403 for a cross-site action POST to ${path}`, async ({ request }) => {
      for (const headers of [
        { ...action, Origin: "https://attacker.example" },
        { ...action, Origin: "null" },
        { ...action, Origin: "not a url" },
        // Without a trusted proxy (TRUST_PROXY=0) X-Forwarded-Host is anyone's claim.
        { ...action, Origin: "https://attacker.example", "X-Forwarded-Host": "attacker.example" },
      ]) {
        const response = await request.post(path, { headers, data: "[]" });
        expect(response.status(), JSON.stringify(headers)).toBe(403);
        expect(await response.text()).toMatch(/another site/i);
      }
    });
  }

  test("403 for a cross-site form posted to a page without JavaScript's action header", async ({ request }) => {
    const response = await request.post("/editor/account", { headers: { Origin: "https://attacker.example" }, multipart: { name: "x" } });
    expect(response.status()).toBe(403);
  });

  test("an action from this site is not refused, whatever X-Forwarded-Host claims", async ({ request, baseURL }) => {
    const response = await request.post("/editor/account", { headers: { ...action, Origin: baseURL!, "X-Forwarded-Host": "attacker.example" }, data: "[]" });
    expect(response.status()).not.toBe(403);
    expect(response.status()).toBeLessThan(500);
  });
});
