import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { E2E_ADMIN } from "./fixtures/setup";
import { EDITOR, signIn, WRITER } from "./fixtures/sign-in";

// The newsroom, walked by each role in Chromium: draft with a photo, review, publish, slug
// change, stale save, scheduling and unpublishing. Runs in order: later steps use earlier stories.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const headline = `Tidewater ferry crews vote to end a three-day strike ${run}`;
let storyUrl = "";
let publicPath = "";

/** The rich-text editor mounts after hydration: from then on, typing reaches React. */
async function editorReady(page: Page) {
  await expect(page.getByRole("textbox", { name: "Story body" })).toBeVisible();
}

/** Polls a public URL until its HTML contains `text` (the page cache must refresh on its own). */
async function waitForPublic(request: APIRequestContext, path: string, text: string, seconds = 20) {
  const started = Date.now();
  for (;;) {
    const html = await (await request.get(path)).text();
    if (html.includes(text)) return (Date.now() - started) / 1000;
    if (Date.now() - started > seconds * 1000) throw new Error(`${path} did not show "${text}" within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("a writer drafts a story with a photo and submits it for review", async ({ page }) => {
  await signIn(page, WRITER);
  await expect(page.getByRole("link", { name: "People" })).toHaveCount(0);
  await page.getByRole("link", { name: "New story" }).first().click();
  await editorReady(page);
  await page.getByLabel("Headline").fill(headline);
  await expect(page.getByLabel("Slug")).toHaveValue(/^tidewater-ferry-crews-vote-to-end-a-three-day-strike-/);
  await page.getByLabel("Deck").fill("Service resumes Monday after the union and the port authority agreed on overtime pay.");
  await page.getByLabel("Section").selectOption({ label: "news/us" });
  await page.getByLabel("Add a byline").selectOption({ index: 1 });
  await page.getByLabel("Tags").fill("Transportation, Labor");
  // The photo is uploaded from the story editor itself.
  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#1f4e79" } }).jpeg().toBuffer();
  await page.getByText("Upload a new image").click();
  await page.getByLabel("Image file").setInputFiles({ name: "ferry.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByLabel("Alt text (required)", { exact: true }).fill("A blue test card standing in for a ferry photo");
  await page.getByLabel("Credit", { exact: true }).fill("Photo: Tidewater desk");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByLabel("Hero alt text (required)")).toHaveValue("A blue test card standing in for a ferry photo");
  await expect(page.getByLabel("Hero credit")).toHaveValue("Photo: Tidewater desk");
  const body = page.getByRole("textbox", { name: "Story body" });
  await body.click();
  await page.keyboard.type("Ferries across Tidewater Sound will run again on Monday morning.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Crews voted 212 to 40 to accept the agreement.");
  // An image from the library inside the body.
  await page.getByRole("button", { name: "Image", exact: true }).click();
  await page.getByRole("list", { name: "Choose an image for the body" }).getByRole("button").first().click();
  await expect(body.locator("figure")).toHaveCount(1);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/editor\/stories\/\d+$/);
  storyUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "Status: Draft" })).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name: "Status: In review" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish now" })).toHaveCount(0);
});

test("an editor publishes it, and it appears on the home page and its section", async ({ page, request }) => {
  await signIn(page, EDITOR);
  await page.goto(storyUrl);
  await editorReady(page);
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByRole("heading", { name: "Status: Published" })).toBeVisible();
  publicPath = (await page.getByRole("link", { name: "View the published story" }).getAttribute("href"))!;
  const seconds = await waitForPublic(request, "/", headline);
  console.log(`publish → visible on the cached home page: ${seconds.toFixed(2)} s`);
  await waitForPublic(request, "/news/us", headline);
  const article = await request.get(publicPath);
  expect(article.status()).toBe(200);
  const html = await article.text();
  expect(html).toContain("Crews voted 212 to 40");
  expect(html).toContain("Photo: Tidewater desk");
  expect(html).toContain('class="body-image"');
});

test("changing the slug leaves a 301 from the old URL", async ({ page, request }) => {
  await signIn(page, EDITOR);
  await page.goto(storyUrl);
  await editorReady(page);
  const slug = page.getByLabel("Slug");
  await slug.fill(`ferry-strike-ends-${run}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Saved at/ })).toBeVisible();
  const moved = await request.get(publicPath, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()["location"]).toBe(`/news/us/ferry-strike-ends-${run}`);
  publicPath = `/news/us/ferry-strike-ends-${run}`;
  expect((await request.get(publicPath)).status()).toBe(200);
});

test("a stale save is refused with 409 and says who changed the story", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signIn(first, EDITOR);
  await signIn(second, E2E_ADMIN);
  await first.goto(storyUrl);
  await second.goto(storyUrl);
  await editorReady(first);
  await editorReady(second);
  await second.getByLabel("Deck").fill("The admin's deck.");
  await second.getByRole("button", { name: "Save", exact: true }).click();
  await expect(second.getByRole("status").filter({ hasText: /Saved at/ })).toBeVisible();
  await first.getByLabel("Deck").fill("The editor's deck.");
  const response = first.waitForResponse((r) => r.request().method() === "PATCH");
  await first.getByRole("button", { name: "Save", exact: true }).click();
  expect((await response).status()).toBe(409);
  await expect(first.getByRole("alert").filter({ hasText: "Administrator saved this story" })).toBeVisible();
  await expect(first.getByRole("button", { name: "Reload their version" })).toBeVisible();
  await first.close();
  await second.close();
});

test("a scheduled story appears on time with no one in the newsroom", async ({ page, request }) => {
  await signIn(page, EDITOR);
  const scheduledHeadline = `Harbor commission sets a date for the breakwater vote ${run}`;
  const created = await page.request.post("/api/admin/stories", {
    headers: { Origin: new URL(page.url()).origin },
    data: {
      headline: scheduledHeadline,
      sectionId: await sectionId(page, "news/us"),
      authorIds: [1],
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The vote is set for spring." }] }] },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const at = new Date(Date.now() + 4000).toISOString();
  const scheduled = await page.request.post(`/api/admin/stories/${id}/schedule`, { headers: { Origin: new URL(page.url()).origin }, data: { at } });
  expect(scheduled.status()).toBe(200);
  expect((await request.get("/")).ok()).toBe(true);
  expect(await (await request.get("/")).text()).not.toContain(scheduledHeadline);
  await waitForPublic(request, "/", scheduledHeadline, 30);
});

test("unpublishing makes the URL answer 410", async ({ page, request }) => {
  await signIn(page, EDITOR);
  await page.goto(storyUrl);
  await editorReady(page);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("heading", { name: /Status: Unpublished/ })).toBeVisible();
  await expect.poll(async () => (await request.get(publicPath)).status(), { timeout: 10_000 }).toBe(410);
  await expect.poll(async () => (await request.get("/")).text(), { timeout: 10_000 }).not.toContain(headline);
});

async function sectionId(page: Page, path: string): Promise<number> {
  await page.goto("/editor/stories/new");
  const option = page.getByLabel("Section").locator("option", { hasText: new RegExp(`^${path}$`) });
  return Number(await option.getAttribute("value"));
}
