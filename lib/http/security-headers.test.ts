import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pageStore } from "./page-store";
import { hashPolicy, inlineScriptHashes, NOTHING_POLICY, noncePolicy, securityHeaders } from "./security-headers";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const options = { siteUrl: "http://127.0.0.1:3000", liveAllowHttp: false };

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values]));
}

describe("inlineScriptHashes", () => {
  it("hashes each inline script a browser runs, once, byte for byte (UTF-8)", () => {
    const html =
      '<script>self.__next_f.push([1,"é"])</script><script src="/_next/static/a.js" async=""></script>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script><script type="module">import("/x")</script>' +
      '<SCRIPT nonce="n">self.__next_f.push([1,"é"])</SCRIPT ><script>\n</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1,"é"])'), sha('import("/x")'), sha("\n")]);
  });

  it("finds nothing to allow in a page without inline scripts", () => {
    expect(inlineScriptHashes("<p>No scripts</p>")).toEqual([]);
  });
});

describe("the policies", () => {
  const required = ["frame-ancestors", "base-uri", "form-action", "object-src", "img-src", "media-src", "connect-src"];

  it("give every document the directives the site needs, and script only by nonce or hash", () => {
    const nonced = directives(noncePolicy("abc", options));
    expect(nonced.get("script-src")).toEqual(["'nonce-abc'", "'strict-dynamic'"]);
    const hashed = directives(hashPolicy([sha("x")], options));
    expect(hashed.get("script-src")).toEqual(["'self'", sha("x")]);
    for (const policy of [nonced, hashed]) {
      for (const name of required) expect(policy.has(name), name).toBe(true);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      expect(policy.get("base-uri")).toEqual(["'self'"]);
      expect(policy.get("form-action")).toEqual(["'self'", "http://127.0.0.1:3000"]);
      // Streams are any https address the live desk is given; hls.js runs a worker from a blob.
      expect(policy.get("media-src")).toEqual(["'self'", "blob:", "https:"]);
      expect(policy.get("connect-src")).toEqual(["'self'", "https:"]);
      expect(policy.get("worker-src")).toEqual(["'self'", "blob:"]);
      expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    }
    expect(directives(noncePolicy("n", { ...options, liveAllowHttp: true })).get("media-src")).toEqual(["'self'", "blob:", "https:", "http:"]);
    expect(nonced.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    // Uploads named on S3_PUBLIC_BASE_URL are shown from its origin, and only from there.
    expect(directives(hashPolicy([], { ...options, mediaBaseUrl: "https://media.example.org/uploads" })).get("img-src")).toEqual(["'self'", "data:", "blob:", "https://media.example.org"]);
    expect(directives(NOTHING_POLICY).get("default-src")).toEqual(["'none'"]);
  });
});

// The server's wiring (scripts/serve.ts): prepare first, then the page store holding and sealing
// what Next answers. A stand-in for Next renders an article with inline scripts, or a newsroom
// page with the nonce it was handed in the request's Content-Security-Policy, as Next does.
const ARTICLE = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/main.js" async=""></script></head><body>${"<p>Text.</p>".repeat(100)}<script>self.__next_f.push([1,"story"])</script></body></html>`;

let base = "";
let security = securityHeaders(options);
let store = pageStore(Date.now, security);
const server = http.createServer((request, response) => {
  security.prepare(request, response);
  if (store.answer(request, response)) return;
  store.capture(request, response);
  const nonce = /'nonce-([^']+)'/.exec(String(request.headers["content-security-policy"] ?? ""))?.[1];
  if (request.url === "/api/live") {
    response.setHeader("Content-Type", "application/json");
    response.end("{}");
    return;
  }
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  if (!request.url!.startsWith("/editor")) response.setHeader("x-nextjs-cache", "MISS");
  const prerendered = request.url === "/editor/prerendered";
  response.end(nonce && !prerendered ? `<html><body><script nonce="${nonce}">self.__next_f.push([0])</script></body></html>` : ARTICLE);
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resolve();
})));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  security = securityHeaders(options);
  store = pageStore(Date.now, security);
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http.get(`${base}${path}`, { headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ headers: answer.headers, body: (answer.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString() });
      });
    }).on("error", reject);
  });

describe("securityHeaders in the server", () => {
  it("sends a public page's first answer (a miss) and its stored answers with the same policy, naming its inline script", async () => {
    const miss = await get("/news/a-story", { "accept-encoding": "gzip" });
    expect(miss.headers["x-nextjs-cache"]).toBe("MISS");
    const policy = miss.headers["content-security-policy"];
    expect(directives(String(policy)).get("script-src")).toEqual(["'self'", sha('self.__next_f.push([1,"story"])')]);
    const seal = vi.spyOn(security, "seal");
    const hit = await get("/news/a-story", { "accept-encoding": "gzip" });
    const identity = await get("/news/a-story");
    expect(hit.headers["x-nextjs-cache"]).toBe("HIT");
    expect(hit.headers["content-security-policy"]).toBe(policy);
    expect(identity.headers["content-security-policy"]).toBe(policy);
    // A hit sends what was sealed with the stored page: no hashing again.
    expect(seal).not.toHaveBeenCalled();
  });

  it("seals a page it does not store (a reader with a cookie) from its own bytes", async () => {
    const answer = await get("/news/a-story", { cookie: "a=1" });
    expect(directives(String(answer.headers["content-security-policy"])).get("script-src")).toContain(sha('self.__next_f.push([1,"story"])'));
  });

  it("gives each newsroom answer a fresh nonce, the one its scripts carry, and ignores a nonce a client names", async () => {
    const first = await get("/editor", { "content-security-policy": "script-src 'nonce-chosen'" });
    const second = await get("/editor");
    const nonceOf = (policy: unknown) => /'nonce-([^']+)'/.exec(String(policy))?.[1];
    expect(nonceOf(first.headers["content-security-policy"])).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(first.headers["content-security-policy"])).not.toBe(nonceOf(second.headers["content-security-policy"]));
    expect(first.body).toContain(`nonce="${nonceOf(first.headers["content-security-policy"])}"`);
  });

  it("gives a page Next had prerendered under /editor (its not-found page) the hashes of its scripts", async () => {
    // The stand-in answers this address with bytes made before the request: no nonce in them.
    const prerendered = await get("/editor/prerendered");
    expect(prerendered.body).not.toContain("nonce=");
    expect(directives(String(prerendered.headers["content-security-policy"])).get("script-src")).toEqual(["'self'", sha('self.__next_f.push([1,"story"])')]);
  });

  it("gives any other answer a policy allowing nothing, and HSTS on an https site only", async () => {
    const api = await get("/api/live");
    expect(api.headers["content-security-policy"]).toBe(NOTHING_POLICY);
    expect(api.headers["strict-transport-security"]).toBeUndefined();
    security = securityHeaders({ ...options, siteUrl: "https://news.example" });
    store = pageStore(Date.now, security);
    const secure = await get("/api/live");
    expect(secure.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect((await get("/news/a-story")).headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });
});
