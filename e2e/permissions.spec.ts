import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { E2E_ADMIN } from "./fixtures/setup";
import { EDITOR, postCredentials, signIn, WRITER } from "./fixtures/sign-in";
import { uniqueSuffix } from "./fixtures/stories";

// The role × action matrix: every admin API route and editor page, for anonymous, writer,
// editor and admin. Each row says which status each role gets. Every test makes the stories it
// acts on; those the editor makes are unpublished when the spec ends.

type Role = "anonymous" | "writer" | "editor" | "admin";
const accounts = { writer: WRITER, editor: EDITOR, admin: E2E_ADMIN };

const contexts = {} as Record<Role, APIRequestContext>;
let baseURL = "";

async function signedIn(role: Role): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  if (role === "anonymous") return context;
  const response = await postCredentials(context, accounts[role]);
  expect(response.ok()).toBe(true);
  return context;
}

const body = (headline: string, sectionId: number) => ({
  headline,
  sectionId,
  authorIds: [1],
  body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Matrix test." }] }] },
});

let sectionId = 0;
let video = { id: 0, title: "" };
let slot = 0;
const editorsStories: number[] = [];
/** A fresh story created by the editor, so every role acts on someone else's story. */
async function editorsStory(label: string) {
  const created = await contexts.editor.post("/api/admin/stories", { data: body(`Matrix ${label} ${Date.now()}`, sectionId) });
  expect(created.status()).toBe(201);
  const story = (await created.json()) as { id: number; revision: number };
  editorsStories.push(story.id);
  return story;
}

test.beforeAll(async ({ baseURL: url }) => {
  baseURL = url!;
  for (const role of ["anonymous", "writer", "editor", "admin"] as const) contexts[role] = await signedIn(role);
  const search = await contexts.editor.get("/api/admin/stories/search?q=Sorrel");
  expect(search.ok()).toBe(true);
  // The U.S. section of the demo edition: read it from the reference story.
  const reference = (await search.json()).results[0];
  sectionId = (await (await contexts.editor.get(`/api/admin/stories/${reference.id}`)).json()).sectionId;
  const live = await (await contexts.editor.get("/api/admin/live")).json();
  video = live.streams.find((stream: { slug: string }) => stream.slug === "video");
});

test.afterAll(async () => {
  // Off the site again (409 for those that were never published).
  for (const id of editorsStories) expect([200, 409]).toContain((await contexts.editor.post(`/api/admin/stories/${id}/unpublish`)).status());
  for (const context of Object.values(contexts)) await context.dispose();
});

const roles: Role[] = ["anonymous", "writer", "editor", "admin"];

test("admin API: every route answers each role as its permissions say", async () => {
  const matrix: Record<string, (context: APIRequestContext) => Promise<number>> = {
    "POST /api/admin/stories": async (c) => (await c.post("/api/admin/stories", { data: body(`Matrix create ${Date.now()}`, sectionId) })).status(),
    "GET /api/admin/stories/:id": async (c) => (await c.get(`/api/admin/stories/${(await editorsStory("read")).id}`)).status(),
    "PATCH /api/admin/stories/:id": async (c) => {
      const story = await editorsStory("patch");
      return (await c.patch(`/api/admin/stories/${story.id}`, { data: { ...body("Changed", sectionId), baseRevision: story.revision } })).status();
    },
    "POST /api/admin/stories/:id/publish": async (c) => (await c.post(`/api/admin/stories/${(await editorsStory("publish")).id}/publish`)).status(),
    "POST /api/admin/stories/:id/schedule": async (c) =>
      (await c.post(`/api/admin/stories/${(await editorsStory("schedule")).id}/schedule`, { data: { at: new Date(Date.now() + 86_400_000).toISOString() } })).status(),
    "POST /api/admin/stories/:id/unpublish": async (c) => {
      const story = await editorsStory("unpublish");
      await contexts.editor.post(`/api/admin/stories/${story.id}/publish`);
      return (await c.post(`/api/admin/stories/${story.id}/unpublish`)).status();
    },
    "POST /api/admin/stories/:id/corrections": async (c) => {
      const story = await editorsStory("correct");
      await contexts.editor.post(`/api/admin/stories/${story.id}/publish`);
      return (await c.post(`/api/admin/stories/${story.id}/corrections`, { data: { note: "A name was misspelled." } })).status();
    },
    "POST /api/admin/stories/:id/submit": async (c) => (await c.post(`/api/admin/stories/${(await editorsStory("submit")).id}/submit`)).status(),
    "POST /api/admin/stories/:id/preview": async (c) => (await c.post(`/api/admin/stories/${(await editorsStory("preview")).id}/preview`)).status(),
    "GET /api/admin/media": async (c) => (await c.get("/api/admin/media")).status(),
    "GET /api/admin/live": async (c) => (await c.get("/api/admin/live")).status(),
    // Only the title, unchanged: the live-desk spec changes the audio stream meanwhile.
    "PATCH /api/admin/live/streams/:id": async (c) => (await c.patch(`/api/admin/live/streams/${video.id}`, { data: { title: video.title } })).status(),
    "POST /api/admin/live/streams/:id/shows": async (c) => {
      const startsAt = new Date(Date.UTC(2032, 0, 1) + ++slot * 3_600_000);
      const data = { title: `Matrix show ${slot}`, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString() };
      return (await c.post(`/api/admin/live/streams/${video.id}/shows`, { data })).status();
    },
    "DELETE /api/admin/live/shows/:id": async (c) => {
      const startsAt = new Date(Date.UTC(2033, 0, 1) + ++slot * 3_600_000);
      const data = { title: `Matrix delete ${slot}`, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString() };
      const created = await contexts.editor.post(`/api/admin/live/streams/${video.id}/shows`, { data });
      expect(created.status()).toBe(201);
      return (await c.delete(`/api/admin/live/shows/${(await created.json()).id}`)).status();
    },
    "POST /api/admin/media": async (c) =>
      (
        await c.post("/api/admin/media", {
          multipart: { file: { name: "x.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg/>") }, alt: "Refused anyway" },
        })
      ).status(),
  };
  const expected: Record<string, Record<Role, number>> = {
    "POST /api/admin/stories": { anonymous: 401, writer: 201, editor: 201, admin: 201 },
    "GET /api/admin/stories/:id": { anonymous: 401, writer: 404, editor: 200, admin: 200 },
    "PATCH /api/admin/stories/:id": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "POST /api/admin/stories/:id/publish": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "POST /api/admin/stories/:id/schedule": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "POST /api/admin/stories/:id/unpublish": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "POST /api/admin/stories/:id/corrections": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    // Submitting is a writer's step for their own draft; editors may submit any draft.
    "POST /api/admin/stories/:id/submit": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "POST /api/admin/stories/:id/preview": { anonymous: 401, writer: 403, editor: 201, admin: 201 },
    "GET /api/admin/media": { anonymous: 401, writer: 200, editor: 200, admin: 200 },
    // Signed in, the SVG reaches validation and is refused as a type (415), never a 500.
    "POST /api/admin/media": { anonymous: 401, writer: 415, editor: 415, admin: 415 },
    "GET /api/admin/live": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "PATCH /api/admin/live/streams/:id": { anonymous: 401, writer: 403, editor: 200, admin: 200 },
    "POST /api/admin/live/streams/:id/shows": { anonymous: 401, writer: 403, editor: 201, admin: 201 },
    "DELETE /api/admin/live/shows/:id": { anonymous: 401, writer: 403, editor: 204, admin: 204 },
  };
  const actual: Record<string, Record<Role, number>> = {};
  for (const [route, call] of Object.entries(matrix)) {
    actual[route] = {} as Record<Role, number>;
    for (const role of roles) actual[route][role] = await call(contexts[role]);
  }
  expect(actual).toEqual(expected);
});

test("editor pages: anonymous people are sent to sign in; admin pages only open for admins, the live desk for editors", async () => {
  const pages = ["/editor", "/editor/stories/new", "/editor/media", "/editor/account", "/editor/people", "/editor/audit", "/editor/sections", "/editor/live"];
  const adminOnly = new Set(["/editor/people", "/editor/audit", "/editor/sections"]);
  const editorsOnly = new Set(["/editor/live"]);
  for (const path of pages) {
    for (const role of roles) {
      const response = await contexts[role].get(path, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      if (role === "anonymous") {
        expect([307, 303], `${role} ${path}`).toContain(response.status());
        expect(location, `${role} ${path}`).toContain("/editor/sign-in");
      } else if ((adminOnly.has(path) && role !== "admin") || (editorsOnly.has(path) && role === "writer")) {
        expect([307, 303], `${role} ${path}`).toContain(response.status());
        expect(location, `${role} ${path}`).toContain("/editor?denied=1");
      } else {
        expect(response.status(), `${role} ${path}`).toBe(200);
        expect(response.headers()["cache-control"], `${role} ${path}`).toMatch(/no-store/);
      }
    }
  }
});

test("a writer's dashboard and headline search show their own and published stories, not another person's draft", async () => {
  const draft = await editorsStory("unseen");
  const { headline } = await (await contexts.editor.get(`/api/admin/stories/${draft.id}`)).json();
  // The page repeats the words searched for in its filter field, and Needs you and the charts link
  // stories of their own: look for the row links of the story table.
  const dashboardLinks = async (context: APIRequestContext, q: string) => {
    const html = await (await context.get(`/editor?q=${encodeURIComponent(q)}`)).text();
    // The story table, not the charts' tables of numbers above it.
    const start = html.lastIndexOf("<table", html.indexOf("story-table"));
    const table = html.slice(start, html.indexOf("</table>", start));
    return [...table.matchAll(/href="\/editor\/stories\/(\d+)"/g)].map((match) => Number(match[1]));
  };
  const search = async (context: APIRequestContext, q: string) =>
    ((await (await context.get(`/api/admin/stories/search?q=${encodeURIComponent(q)}`)).json()).results as { id: number }[]).map((result) => result.id);

  expect(await dashboardLinks(contexts.editor, headline)).toEqual([draft.id]);
  expect(await search(contexts.editor, headline)).toEqual([draft.id]);
  expect(await dashboardLinks(contexts.writer, headline)).toEqual([]);
  expect(await search(contexts.writer, headline)).toEqual([]);

  const created = await contexts.writer.post("/api/admin/stories", { data: body(`Matrix own draft ${Date.now()}`, sectionId) });
  expect(created.status()).toBe(201);
  const own = (await created.json()) as { id: number };
  const { headline: ownHeadline } = await (await contexts.writer.get(`/api/admin/stories/${own.id}`)).json();
  expect(await dashboardLinks(contexts.writer, ownHeadline)).toEqual([own.id]);
  expect(await search(contexts.writer, ownHeadline)).toEqual([own.id]);
  // The demo edition's published reference story.
  expect(await search(contexts.writer, "Sorrel")).not.toEqual([]);
});

test("the audit log reads its time filters on the site's clock, and an absurd one is no filter, never a 500", async () => {
  for (const query of ["since=%2B275760-09-13T00:00", "until=%2B275760-09-13T00:00", "since=275760-01-01T00:00", "since=2031-02-30T10:00", "since=2020-01-01T00:00"]) {
    const response = await contexts.admin.get(`/editor/audit?${query}`);
    expect(response.status(), query).toBe(200);
    expect(await response.text(), query).toContain("Times are in UTC.");
  }
});

test("mutations refuse cross-site requests, JSON sent as text/plain, broken JSON and oversize bodies", async () => {
  const editor = contexts.editor;
  const story = await editorsStory("guards");
  const crossSite = await editor.post("/api/admin/stories", { data: body("Cross-site", sectionId), headers: { Origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  const plain = await editor.post("/api/admin/stories", { data: JSON.stringify(body("Plain", sectionId)), headers: { "Content-Type": "text/plain" } });
  expect(plain.status()).toBe(415);
  const broken = await editor.post("/api/admin/stories", { data: Buffer.from("{not json"), headers: { "Content-Type": "application/json" } });
  expect(broken.status()).toBe(400);
  const huge = await editor.patch(`/api/admin/stories/${story.id}`, {
    data: { ...body("Huge", sectionId), baseRevision: story.revision, deck: "x".repeat(1_100_000) },
  });
  expect(huge.status()).toBe(413);
  const tooBig = await editor.post("/api/admin/media", {
    multipart: { file: { name: "big.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(21 * 1024 * 1024, 7) }, alt: "Too big" },
  });
  expect(tooBig.status()).toBe(413);
  const invalid = await editor.post("/api/admin/stories", { data: { headline: "", sectionId: "x" } });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).fieldErrors)).toEqual(expect.arrayContaining(["headline", "sectionId"]));
});

test("an API token acts with its owner's role, and stops when revoked", async ({ page }) => {
  const name = `matrix script ${uniqueSuffix()}`;
  await signIn(page, WRITER);
  await page.goto("/editor/account");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.locator("code").filter({ hasText: /^mrd_/ }).textContent())!;
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const created = await api.post("/api/admin/stories", { data: body(`Token story ${Date.now()}`, sectionId) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect((await api.post(`/api/admin/stories/${id}/publish`)).status()).toBe(403);
  await page.reload();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name }).getByRole("cell", { name: "Revoked" })).toBeVisible();
  expect((await api.get("/api/admin/media")).status()).toBe(401);
  await api.dispose();
});
