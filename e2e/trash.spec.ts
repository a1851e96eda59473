import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { reference } from "./demo";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { E2E_ADMIN } from "./fixtures/setup";
import { EDITOR, postCredentials, signIn, WRITER, type Account } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// Deleting what should not be there, through the newsroom as editors and admins do it: a story to
// the trash and back, or deleted for good; an empty section; an image nothing uses. Stories that a
// test deletes for good are made through the API by the test itself (the stories fixture unpublishes
// its own at the end, and would find them gone). Every name here is the test's own.

// Each test walks several newsroom pages, and two run axe twice: on a busy shared machine that
// takes more than the default minute.
test.describe.configure({ timeout: 180_000 });

/** An API client signed in as `who`, sending this site's Origin as the browser does. */
async function apiAs(baseURL: string, who: Account): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  expect((await postCredentials(context, who)).ok()).toBe(true);
  return context;
}

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

/** A draft made through the admin API, in `sectionId`; its id, slug and headline. */
async function draft(api: APIRequestContext, headline: string, sectionId: number, extra: Record<string, unknown> = {}) {
  const response = await api.post("/api/admin/stories", {
    data: { headline, sectionId, authorIds: [1], body: { type: "doc", content: [paragraph("A first paragraph.")] }, ...extra },
  });
  expect(response.status()).toBe(201);
  return { ...((await response.json()) as { id: number; slug: string }), headline };
}

/** News > U.S., read from the demo edition's reference story (it lives there), as the stories fixture does. */
async function usSectionId(api: APIRequestContext): Promise<number> {
  const { results } = await (await api.get(`/api/admin/stories/search?q=${encodeURIComponent(reference.headline)}`)).json();
  const found = (results as { id: number; headline: string }[]).find((result) => result.headline === reference.headline)!;
  return (await (await api.get(`/api/admin/stories/${found.id}`)).json()).sectionId;
}

async function axeInBothModes(page: Page) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
}

test("an editor cannot trash a published story; unpublished, it goes to the trash, answers 410, and comes back with Restore", async ({ page, request, stories }) => {
  const story = await stories.create({ headline: "Lighthouse keepers' archive goes online", status: "published" });
  await signIn(page, EDITOR);
  await page.goto(story.editUrl);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Unpublish this story before moving it to the trash." })).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByRole("heading", { name: /Status: Unpublished/ })).toBeVisible();
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByRole("heading", { name: "In the trash" })).toBeVisible();
  await expect(page.getByText(/moved there by Morgan Ellery/)).toBeVisible();
  // Once published: it answers 410 as any pulled story does, and is on no list.
  expect((await request.get(story.path, { maxRedirects: 0 })).status()).toBe(410);
  expect(await (await request.get("/feed.xml")).text()).not.toContain(story.headline);

  await page.goto(`/editor?q=${encodeURIComponent(story.headline)}`);
  await expect(page.getByText("No stories match these filters.")).toBeVisible();
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Trash" }).click();
  const row = page.getByRole("row").filter({ hasText: story.headline });
  await expect(row).toContainText("Morgan Ellery");
  await axeInBothModes(page);
  await row.getByRole("button", { name: `Restore “${story.headline}”` }).click();
  // Back as it was in the trash: pulled, never published again by restoring.
  await expect(page.getByRole("status").filter({ hasText: "Restored from the trash." })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Status: Unpublished/ })).toBeVisible();
  await page.goto("/editor/trash");
  await expect(page.getByRole("row").filter({ hasText: story.headline })).toHaveCount(0);
  await page.goto(`/editor?q=${encodeURIComponent(story.headline)}`);
  await expect(page.getByRole("link", { name: story.headline })).toBeVisible();
  expect((await request.get(story.path, { maxRedirects: 0 })).status()).toBe(410);
});

test("a writer trashes their own draft and restores it from the trash", async ({ page, request, stories }) => {
  const story = await stories.create({ headline: "Notes on the night ferry timetable", author: WRITER });
  await signIn(page, WRITER);
  await page.goto(story.editUrl);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByRole("heading", { name: "In the trash" })).toBeVisible();
  // Never published: as unknown to readers as before.
  expect((await request.get(story.path, { maxRedirects: 0 })).status()).toBe(404);
  await page.goto("/editor/trash");
  await expect(page.getByText("You see your own stories.")).toBeVisible();
  // Deleting for good is for editors.
  await expect(page.getByRole("button", { name: /for good/ })).toHaveCount(0);
  await page.getByRole("button", { name: `Restore “${story.headline}”` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Restored from the trash." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Status: Draft" })).toBeVisible();
});

test("an editor deletes a pulled story for good from the trash; its address keeps answering 410", async ({ page, request, baseURL }) => {
  const api = await apiAs(baseURL!, EDITOR);
  const story = await draft(api, `Quarry road closure notice ${uniqueSuffix()}`, await usSectionId(api));
  expect((await api.post(`/api/admin/stories/${story.id}/publish`)).status()).toBe(200);
  expect((await api.post(`/api/admin/stories/${story.id}/trash`)).status()).toBe(409);
  expect((await api.post(`/api/admin/stories/${story.id}/unpublish`)).status()).toBe(200);
  expect((await api.post(`/api/admin/stories/${story.id}/trash`)).status()).toBe(200);
  const path = (await (await api.get(`/api/admin/stories/${story.id}`)).json()).sectionPath;
  const url = `/${path}/${story.slug}`;

  await signIn(page, EDITOR);
  await page.goto("/editor/trash");
  await page.getByRole("button", { name: `Delete “${story.headline}” for good` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The story was deleted for good." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: story.headline })).toHaveCount(0);
  expect((await api.get(`/api/admin/stories/${story.id}`)).status()).toBe(404);
  await expect.poll(async () => (await request.get(url, { maxRedirects: 0 })).status()).toBe(410);
  await api.dispose();
});

test("an admin deletes a section only once it has no stories, not even in the trash", async ({ browser, request, baseURL }) => {
  const run = uniqueSuffix();
  const name = `Allotments ${run}`;
  const slug = `allotments-${run}`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, E2E_ADMIN);
  await admin.goto("/editor/sections");
  await admin.getByLabel("Name of the new section").fill(name);
  await admin.getByLabel("Slug of the new section").fill(slug);
  await admin.getByRole("button", { name: "Add section" }).click();
  await expect(admin.getByText(`${name} added.`)).toBeVisible();
  const sectionForm = admin.locator("form").filter({ has: admin.getByLabel(`Slug of ${name}`) });
  const sectionId = Number(await sectionForm.locator('input[name="sectionId"]').inputValue());
  await expect.poll(async () => (await request.get("/")).text()).toContain(`/${slug}"`);

  const api = await apiAs(baseURL!, EDITOR);
  const story = await draft(api, `Plot waiting list grows ${run}`, sectionId);
  const deleteButton = () => admin.getByRole("button", { name: `Delete ${name}` });
  await deleteButton().click();
  await expect(admin.getByRole("alert").filter({ hasText: `${name} still has a story` })).toBeVisible();

  // In the trash it still counts: it may come back.
  expect((await api.post(`/api/admin/stories/${story.id}/trash`)).status()).toBe(200);
  await admin.reload();
  await deleteButton().click();
  await expect(admin.getByRole("alert").filter({ hasText: "counting any in the trash" })).toBeVisible();
  await axeInBothModes(admin);

  await admin.goto("/editor/trash");
  await admin.getByRole("button", { name: `Delete “${story.headline}” for good` }).click();
  await expect(admin.getByRole("status").filter({ hasText: "deleted for good" })).toBeVisible();
  await admin.goto("/editor/sections");
  await deleteButton().click();
  await expect(admin.getByRole("status").filter({ hasText: `Section /${slug} deleted.` })).toBeVisible();
  await expect(admin.getByRole("heading", { name: new RegExp(name) })).toHaveCount(0);
  // Readers: the page is gone and the navigation no longer names it.
  await expect.poll(async () => (await request.get(`/${slug}`, { maxRedirects: 0 })).status()).toBe(404);
  await expect.poll(async () => (await request.get("/")).text()).not.toContain(`/${slug}"`);
  await api.dispose();
});

test("an image in use says where and cannot be deleted; unused, it is deleted with its files", async ({ page, request, baseURL }) => {
  const api = await apiAs(baseURL!, EDITOR);
  const alt = `Rowing boats stacked for winter ${uniqueSuffix()}`;
  const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#4a6d8c" } }).jpeg().toBuffer();
  const uploaded = await api.post("/api/admin/media", { multipart: { file: { name: "boats.jpg", mimeType: "image/jpeg", buffer: jpeg }, alt } });
  expect(uploaded.status()).toBe(201);
  const image = (await uploaded.json()) as { id: number; src: string; variants: { src: string }[] };
  const story = await draft(api, `Boat club winter storage ${uniqueSuffix()}`, await usSectionId(api), { heroMediaId: image.id, heroAlt: alt });

  await signIn(page, EDITOR);
  await page.goto(`/editor/media?q=${encodeURIComponent(alt)}`);
  await page.getByRole("link", { name: `Edit, see where it is used, or delete: ${alt}` }).click();
  await expect(page.getByText("Used in one place; it cannot be deleted while it is.")).toBeVisible();
  await expect(page.getByRole("link", { name: story.headline })).toHaveAttribute("href", `/editor/stories/${story.id}`);
  await axeInBothModes(page);
  await page.getByRole("button", { name: "Delete this image" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `This image is in use and cannot be deleted. Used in: ${story.headline} (hero image).` })).toBeVisible();
  const refused = await api.delete(`/api/admin/media/${image.id}`);
  expect(refused.status()).toBe(409);
  expect((await refused.json()).uses).toEqual([{ kind: "story", label: story.headline, role: "hero image", href: `/editor/stories/${story.id}` }]);

  // The story lets go of it.
  const current = await (await api.get(`/api/admin/stories/${story.id}`)).json();
  expect((await api.patch(`/api/admin/stories/${story.id}`, { data: { ...current, heroMediaId: null, baseRevision: current.revision } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByText("Not used anywhere: it can be deleted.")).toBeVisible();
  await page.getByRole("button", { name: "Delete this image" }).click();
  await expect(page).toHaveURL(/\/editor\/media\?deleted=1$/);
  await expect(page.getByRole("status").filter({ hasText: "The image was deleted." })).toBeVisible();
  for (const src of [image.src, ...image.variants.map((variant) => variant.src)]) {
    expect((await request.get(src)).status(), src).toBe(404);
  }
  expect((await api.get(`/api/admin/media/${image.id}`)).status()).toBe(404);
  await api.dispose();
});
