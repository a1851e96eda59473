import { type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { EDITOR, signIn, WRITER } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// The newsroom, walked by each role in Chromium: draft with a photo, review, publish, slug
// change, stale save, scheduling and unpublishing. Each test makes the story it works on
// (e2e/fixtures/stories.ts) and takes it off the site afterwards: any one of them runs alone.

/** A photo for the ferry story: a blue test card. */
const ferryPhoto = () => sharp({ create: { width: 1600, height: 900, channels: 3, background: "#1f4e79" } }).jpeg().toBuffer();

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
  const headline = `Tidewater ferry crews vote to end a three-day strike ${uniqueSuffix()}`;
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
  const photo = await ferryPhoto();
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
  await expect(page.getByRole("heading", { name: "Status: Draft" })).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name: "Status: In review" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish now" })).toHaveCount(0);
});

test("an editor publishes a story in review, and it appears on the home page and its section", async ({ page, request, stories }) => {
  // The writer's story as the test above leaves it: in review, with a photo on top and in the body.
  const { headline, editUrl } = await stories.create({
    headline: "Tidewater ferry crews vote to end a three-day strike",
    author: WRITER,
    status: "in_review",
    deck: "Service resumes Monday after the union and the port authority agreed on overtime pay.",
    paragraphs: ["Ferries across Tidewater Sound will run again on Monday morning.", "Crews voted 212 to 40 to accept the agreement."],
    hero: { alt: "A blue test card standing in for a ferry photo", credit: "Photo: Tidewater desk", jpeg: await ferryPhoto() },
    bodyImage: true,
  });
  await signIn(page, EDITOR);
  await page.goto(editUrl);
  await editorReady(page);
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByRole("heading", { name: "Status: Published" })).toBeVisible();
  const publicPath = (await page.getByRole("link", { name: "View the published story" }).getAttribute("href"))!;
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

test("changing the slug leaves a 301 from the old URL", async ({ page, request, stories }) => {
  const story = await stories.create({ headline: "Tidewater ferry crews vote to end a three-day strike", status: "published" });
  const run = uniqueSuffix();
  await signIn(page, EDITOR);
  await page.goto(story.editUrl);
  await editorReady(page);
  const slug = page.getByLabel("Slug");
  await slug.fill(`ferry-strike-ends-${run}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Saved at/ })).toBeVisible();
  const moved = await request.get(story.path, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()["location"]).toBe(`/news/us/ferry-strike-ends-${run}`);
  expect((await request.get(`/news/us/ferry-strike-ends-${run}`)).status()).toBe(200);
});

test("a scheduled story appears on time with no one in the newsroom", async ({ page, request, stories }) => {
  await signIn(page, EDITOR);
  // Created through the admin API (the fixture checks the 201).
  const { id, headline: scheduledHeadline } = await stories.create({
    headline: "Harbor commission sets a date for the breakwater vote",
    paragraphs: ["The vote is set for spring."],
  });
  const at = new Date(Date.now() + 4000).toISOString();
  const scheduled = await page.request.post(`/api/admin/stories/${id}/schedule`, { headers: { Origin: new URL(page.url()).origin }, data: { at } });
  expect(scheduled.status()).toBe(200);
  expect((await request.get("/")).ok()).toBe(true);
  expect(await (await request.get("/")).text()).not.toContain(scheduledHeadline);
  await waitForPublic(request, "/", scheduledHeadline, 30);
});

test("unpublishing makes the URL answer 410", async ({ page, request, stories }) => {
  const { headline, path: publicPath, editUrl } = await stories.create({ headline: "Tidewater ferry crews vote to end a three-day strike", status: "published" });
  // On the home page first, so that its leaving the page is seen.
  await waitForPublic(request, "/", headline);
  await signIn(page, EDITOR);
  await page.goto(editUrl);
  await editorReady(page);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("heading", { name: /Status: Unpublished/ })).toBeVisible();
  await expect.poll(async () => (await request.get(publicPath)).status(), { timeout: 10_000 }).toBe(410);
  await expect.poll(async () => (await request.get("/")).text(), { timeout: 10_000 }).not.toContain(headline);
});
