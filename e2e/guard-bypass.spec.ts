import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { postCredentials, WRITER } from "./fixtures/sign-in";
import { expect, test } from "./fixtures/test";

// Request headers that have let requests past Next.js middleware and proxies before change
// nothing: every newsroom route, read from the file system (app/editor/**/page.tsx and
// app/api/admin/**/route.ts, so a new one is covered without touching this file), answers each of
// them as it answers the plain request — to no one signed in, sign-in or 401; to a writer where a
// writer may not go, the newsroom's front page or 403 — and never with the page or its data.

const APP = path.resolve("app");

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesNamed(full, name) : entry.name === name ? [full] : [];
  });
}

/** The address of a route file, a dynamic segment filled with a value of its kind. */
function addressOf(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((segment) => !/^\(.*\)$/.test(segment));
  const filled = segments.map((segment) => {
    if (segment === "[token]") return "0123456789abcdef0123456789abcdef";
    if (segment === "[action]") return "publish";
    return segment.startsWith("[") ? "1" : segment;
  });
  return `/${filled.join("/")}`;
}

/** The HTTP methods a route file exports. */
function methodsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const exported = [
    ...[...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!),
    ...[...source.matchAll(/export (?:const )?\{([^}]*)\}/g)].flatMap((match) => match[1]!.split(",").map((name) => name.trim().split(/\s+as\s+/).pop()!)),
  ];
  return [...new Set(exported.filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name)))];
}

interface Route {
  address: string;
  methods: string[];
  /** A page anyone may open (sign-in, an invitation): only "changes nothing" is checked there. */
  open: boolean;
}

const routes: Route[] = [
  ...filesNamed(path.join(APP, "editor"), "page.tsx").map((file) => ({
    address: addressOf(file),
    methods: ["GET", "POST"],
    open: file.includes(`${path.sep}(auth)${path.sep}`),
  })),
  ...filesNamed(path.join(APP, "api", "admin"), "route.ts").map((file) => ({ address: addressOf(file), methods: methodsOf(file), open: false })),
];

const BOGUS_ACTION = "7f".repeat(21);
const BYPASSES: Record<string, string>[] = [
  { "x-middleware-subrequest": "middleware" },
  { "x-middleware-subrequest": "pages/_middleware" },
  { "x-middleware-subrequest": Array(5).fill("middleware").join(":") },
  { "x-middleware-subrequest": Array(5).fill("src/middleware").join(":") },
  { "x-middleware-subrequest": Array(5).fill("proxy").join(":") },
  { "x-nextjs-data": "1" },
  { "x-invoke-path": "/editor/sign-in" },
  { "x-invoke-query": encodeURIComponent(JSON.stringify({ __nextDefaultLocale: "", callbackUrl: "/editor" })) },
  { "x-middleware-prefetch": "1" },
  { "next-router-prefetch": "1" },
  { rsc: "1" },
  { "next-action": BOGUS_ACTION },
  { "x-forwarded-host": "evil.example" },
];
const ALL_AT_ONCE = Object.assign({}, ...BYPASSES.filter((headers) => !headers["x-middleware-subrequest"]), BYPASSES[2]);
/** Headers that ask Next for another kind of answer (an RSC payload, a server action): compared by outcome, not by status. */
const REFORMATS = ["rsc", "next-router-prefetch", "next-action"];

interface Outcome {
  status: number;
  /** A redirect's target path. */
  to?: string;
}

async function send(api: APIRequestContext, baseURL: string, route: Route, method: string, headers: Record<string, string>): Promise<Outcome> {
  const response: APIResponse = await api.fetch(route.address, {
    method,
    headers: { origin: baseURL, ...(method === "POST" && !route.address.startsWith("/api") ? { "next-action": BOGUS_ACTION } : {}), ...headers },
    ...(method === "GET" || method === "DELETE" ? {} : { data: {} }),
    maxRedirects: 0,
  });
  const location = response.headers()["location"];
  return { status: response.status(), to: location ? new URL(location, baseURL).pathname : undefined };
}

/** An answer that gives nothing away: a refusal, a redirect to sign-in, the newsroom's front page or Next's own address of the same route. */
function refuses(route: Route, { status, to }: Outcome): boolean {
  if ([401, 403, 404, 405, 409].includes(status)) return true;
  return status >= 300 && status < 400 && (to === "/editor/sign-in" || to === "/editor" || to === route.address);
}

const describe = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join(", ");

async function expectChangesNothing(api: APIRequestContext, baseURL: string, route: Route, requireRefusal: boolean) {
  for (const method of route.methods) {
    const plain = await send(api, baseURL, route, method, {});
    if (requireRefusal) expect(refuses(route, plain), `${method} ${route.address} without a bypass: ${JSON.stringify(plain)}`).toBe(true);
    for (const headers of [...BYPASSES, ALL_AT_ONCE]) {
      const outcome = await send(api, baseURL, route, method, headers);
      const label = `${method} ${route.address} with ${describe(headers)}: ${JSON.stringify(outcome)} (plain: ${JSON.stringify(plain)})`;
      if (!REFORMATS.some((name) => name in headers)) expect(outcome, label).toEqual(plain);
      if (refuses(route, plain)) expect(refuses(route, outcome), label).toBe(true);
    }
  }
}

test("the newsroom's routes are read from the file system", () => {
  expect(routes.map((route) => route.address)).toEqual(expect.arrayContaining(["/editor", "/editor/people", "/editor/sign-in", "/api/admin/stories", "/api/admin/stories/1/publish"]));
  expect(routes.find((route) => route.address === "/api/admin/stories/1")?.methods.sort()).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
});

test.describe("no header walks past the newsroom's guards", () => {
  let writer: APIRequestContext;
  test.beforeAll(async ({ baseURL }) => {
    writer = await playwrightRequest.newContext({ baseURL });
    await postCredentials(writer, WRITER);
  });
  test.afterAll(() => writer.dispose());

  for (const route of routes) {
    test(`${route.address} (${route.methods.join(", ")})`, async ({ request, baseURL }) => {
      // No one signed in: sign-in or 401, whatever the headers say.
      await expectChangesNothing(request, baseURL!, route, !route.open);
      // A writer where a writer may not go (by the route's first method: GET, or what it takes):
      // the newsroom's front page or 403.
      const [method = "GET"] = route.methods;
      if (!route.open && refuses(route, await send(writer, baseURL!, route, method, {}))) {
        await expectChangesNothing(writer, baseURL!, { ...route, methods: [method] }, true);
      }
    });
  }
});
