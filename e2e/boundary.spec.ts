import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { reference } from "./demo";
import { EDITOR, postCredentials } from "./fixtures/sign-in";

// NUL, which PostgreSQL cannot store, in each kind of text field, through the real server: a 422
// naming the field, never a 500. In a search box it is only a character that matches nothing.

const NUL = "\u0000";
let editor: APIRequestContext;
let storyId = 0;
let streamId = 0;

test.beforeAll(async ({ baseURL }) => {
  editor = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  await postCredentials(editor, EDITOR);
  // The demo edition's reference story, published from the start: whatever other tests have
  // made or unpublished meanwhile, it is there.
  const { results } = await (await editor.get(`/api/admin/stories/search?q=${encodeURIComponent(reference.headline)}`)).json();
  storyId = (results as { id: number; headline: string; status: string }[]).find((story) => story.headline === reference.headline && story.status === "published")!.id;
  const { streams } = await (await editor.get("/api/admin/live")).json();
  streamId = (streams as { id: number; slug: string }[]).find((stream) => stream.slug === "video")!.id;
});

test.afterAll(async () => {
  await editor.dispose();
});

async function expectRefused(response: { status(): number; json(): Promise<{ fieldErrors?: Record<string, string> }> }, field: string) {
  expect(response.status()).toBe(422);
  expect((await response.json()).fieldErrors?.[field]).toMatch(/control characters/);
}

test("a comment's name or body with NUL: 422 next to the field", async ({ request }) => {
  const url = `/api/stories/${storyId}/comments`;
  await expectRefused(await request.post(url, { data: { name: `Ada${NUL}`, body: "A fair point." } }), "name");
  await expectRefused(await request.post(url, { data: { name: "Ada", body: `A fair${NUL} point.` } }), "body");
});

test("a story's headline or tag, a correction, a stream's title, a show's description with NUL: 422", async () => {
  const story = { headline: "Plain", sectionId: 1, authorIds: [1], body: { type: "doc", content: [] } };
  await expectRefused(await editor.post("/api/admin/stories", { data: { ...story, headline: `Null${NUL}island` } }), "headline");
  await expectRefused(await editor.post("/api/admin/stories", { data: { ...story, tags: [`tag${NUL}`] } }), "tags");
  await expectRefused(await editor.post(`/api/admin/stories/${storyId}/corrections`, { data: { note: `An error${NUL}.` } }), "note");
  await expectRefused(await editor.patch(`/api/admin/live/streams/${streamId}`, { data: { title: `Live${NUL}` } }), "title");
  const show = { title: "Night", description: `After${NUL}dark`, startsAt: "2031-02-01T22:00:00Z", endsAt: "2031-02-01T23:00:00Z" };
  await expectRefused(await editor.post(`/api/admin/live/streams/${streamId}/shows`, { data: show }), "description");
});

test("?q=%00 in the newsroom's searches: an ordinary answer", async () => {
  for (const path of ["/editor?q=%00", "/editor/media?q=%00", "/editor?q=a%00b"]) {
    const page = await editor.get(path);
    expect(page.status(), path).toBe(200);
    expect(page.headers()["content-type"]).toMatch(/text\/html/);
  }
  for (const path of ["/api/admin/stories/search?q=%00", "/api/admin/media?q=%00", "/api/admin/stories/search?q=%00&exclude=2147483648"]) {
    const response = await editor.get(path);
    expect(response.status(), path).toBe(200);
  }
});
