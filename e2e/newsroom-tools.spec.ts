import { type Browser } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { E2E_ADMIN } from "./fixtures/setup";
import { addPerson } from "./fixtures/people";
import { EDITOR, signIn, type Account } from "./fixtures/sign-in";
import { expect, test } from "./fixtures/stories";

// The rest of the newsroom in Chromium: people and sessions, preview links, revisions, media
// uploads, autosave and the unsaved-changes warning, the audit log (the story list's filters are in
// story-list.spec.ts). The stories they work on are drafts of their own (e2e/fixtures/stories.ts),
// unpublished afterwards.

const run = Date.now().toString(36);

async function newSignedInPage(browser: Browser, who: Account) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("an admin adds a person; disabling or demoting them ends their open session at once", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const email = `casey-${run}@e2e.test`;
  // A taken address is refused next to the field, and the refused form keeps what was typed.
  await admin.goto("/editor/people");
  await admin.getByLabel("Name").fill("Casey Newhire");
  await admin.getByLabel("E-mail").fill(E2E_ADMIN.email);
  await admin.getByRole("button", { name: "Make invitation link" }).click();
  await expect(admin.getByText(`Someone already uses ${E2E_ADMIN.email}`).first()).toBeVisible();
  await expect(admin.getByLabel("Name")).toHaveValue("Casey Newhire");
  await addPerson(admin, browser, { name: "Casey Newhire", email, role: "editor", password: "casey-first-password" });

  const casey = await newSignedInPage(browser, { email, password: "casey-first-password" });
  // Signed in as themself (the name also heads the dashboard's byline filter, their own profile).
  await expect(casey.locator(".editor-user").getByText("Casey Newhire")).toBeVisible();

  // Demoted to writer: the next request already has the new role.
  await admin.goto("/editor/people");
  await admin.getByLabel("Role of Casey Newhire").selectOption("writer");
  const row = admin.getByRole("row", { name: /Casey Newhire/ });
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(admin.getByText("Role changed.")).toBeVisible();
  await casey.goto("/editor");
  await expect(casey).toHaveURL(/\/editor\/sign-in/);

  // Signed in again, then disabled: out at once, and unable to sign in.
  await signIn(casey, { email, password: "casey-first-password" });
  await admin.reload();
  await admin.getByRole("button", { name: "Disable Casey Newhire" }).click();
  await expect(admin.getByRole("button", { name: "Enable Casey Newhire" })).toBeVisible();
  await casey.goto("/editor");
  await expect(casey).toHaveURL(/\/editor\/sign-in/);
  await casey.getByLabel("E-mail").fill(email);
  await casey.getByLabel("Password").fill("casey-first-password");
  await casey.getByRole("button", { name: "Sign in" }).click();
  await expect(casey.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");

  // The audit log has all of it.
  await admin.goto("/editor/audit?action=user.disable");
  await expect(admin.getByRole("cell", { name: "user.disable" }).first()).toBeVisible();
});

test("everyone can change their own password, and signs in again with it", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const email = `robin-${run}@e2e.test`;
  const robin = await addPerson(admin, browser, { name: "Robin Writer", email, password: "robin-first-password" });
  await robin.goto("/editor/account");
  await robin.getByLabel("Current password").fill("not-my-password");
  await robin.getByLabel("New password", { exact: true }).fill("robin-second-password");
  await robin.getByLabel("New password again").fill("robin-second-password");
  await robin.getByRole("button", { name: "Change password" }).click();
  await expect(robin.getByText("That is not your current password.").first()).toBeVisible();
  await robin.getByLabel("Current password").fill("robin-first-password");
  await robin.getByLabel("New password", { exact: true }).fill("robin-second-password");
  await robin.getByLabel("New password again").fill("robin-second-password");
  await robin.getByRole("button", { name: "Change password" }).click();
  await expect(robin.getByText("Password changed.")).toBeVisible();
  await robin.goto("/editor");
  await expect(robin).toHaveURL(/\/editor\/sign-in/);
  await signIn(robin, { email, password: "robin-second-password" });
});

test("a private preview link shows a draft, is not cached or indexed, can be revoked, and leads to the published story", async ({ browser, request, stories }) => {
  const editor = await newSignedInPage(browser, EDITOR);
  const headline = `Preview of a council budget story ${run}`;
  const { id } = await stories.create({ headline });
  await editor.goto(`/editor/stories/${id}`);
  await editor.getByRole("button", { name: "Create a preview link" }).click();
  const link = editor.getByRole("link", { name: /\/preview\// });
  const url = (await link.getAttribute("href"))!;
  expect(new URL(url).pathname).toMatch(/^\/preview\/[A-Za-z0-9_-]{22}$/);

  const preview = await request.get(url);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["cache-control"]).toMatch(/no-store/);
  expect(preview.headers()["x-robots-tag"]).toMatch(/noindex/);
  expect(await preview.text()).toContain(headline);

  await editor.getByRole("button", { name: "Revoke preview links" }).click();
  await expect(editor.getByText("Preview links revoked (1).")).toBeVisible();
  expect((await request.get(url)).status()).toBe(404);

  await editor.getByRole("button", { name: "Create a preview link" }).click();
  const second = (await editor.getByRole("link", { name: /\/preview\// }).getAttribute("href"))!;
  await editor.getByRole("button", { name: "Publish now" }).click();
  await expect(editor.getByRole("heading", { name: "Status: Published" })).toBeVisible();
  const moved = await request.get(second, { maxRedirects: 0 });
  expect([307, 308]).toContain(moved.status());
  expect(moved.headers()["location"]).toMatch(/^\/news\/us\/preview-of-a-council-budget-story-/);
});

test("a preview link made before publication ends when the story is pulled; a new one works", async ({ browser, request, stories }) => {
  const editor = await newSignedInPage(browser, EDITOR);
  const headline = `Preview of a story that is pulled ${run}`;
  const { id } = await stories.create({ headline });
  const post = async (action: string) => {
    const response = await editor.request.post(`/api/admin/stories/${id}/${action}`, { headers: { Origin: new URL(editor.url()).origin } });
    expect(response.ok(), action).toBe(true);
    return response.json();
  };
  const { path: old } = await post("preview");
  expect((await request.get(old)).status()).toBe(200);
  await post("publish");
  await post("unpublish");
  const stale = await request.get(old, { maxRedirects: 0 });
  expect(stale.status()).toBe(404);
  expect(await stale.text()).not.toContain(headline);
  const { path: fresh } = await post("preview");
  const preview = await request.get(fresh);
  expect(preview.status()).toBe(200);
  expect(await preview.text()).toContain(headline);
});

test("Publish at is read and shown on the site's clock, whatever the browser's time zone", async ({ browser, stories }) => {
  // The site runs on UTC (scripts/e2e-server.ts); this browser thinks it is in India (UTC+05:30).
  const editor = await (await browser.newContext({ timezoneId: "Asia/Kolkata" })).newPage();
  await signIn(editor, EDITOR);
  const { id } = await stories.create({ headline: `Scheduled on the site's clock ${run}` });
  await editor.goto(`/editor/stories/${id}`);
  await expect(editor.getByRole("textbox", { name: "Story body" })).toBeVisible();
  await editor.getByLabel("Publish at (UTC time)").fill("2031-05-01T10:00");
  await editor.getByRole("button", { name: "Schedule" }).click();
  await expect(editor.getByRole("heading", { name: "Status: Scheduled" })).toBeVisible();
  await expect(editor.getByText("Appears on 1 May 2031, 10:00 UTC.")).toBeVisible();
  const story = await (await editor.request.get(`/api/admin/stories/${id}`)).json();
  expect(story.scheduledAt).toBe("2031-05-01T10:00:00.000Z");
});

test("revisions: every save keeps one; compare two, read what changed, and restore one", async ({ browser, stories }) => {
  const editor = await newSignedInPage(browser, EDITOR);
  const { id, headline } = await stories.create({ headline: `Library hours story ${run}`, paragraphs: ["The library opens at nine.", "Entry is free."] });
  const related = await stories.create({ headline: "Library budget" });
  await editor.goto(`/editor/stories/${id}`);
  await expect(editor.getByRole("textbox", { name: "Story body" })).toBeVisible();
  await editor.getByLabel("Headline").fill(headline.replace("story", "change"));
  await editor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editor.getByRole("status").filter({ hasText: /Saved at/ })).toBeVisible();
  // A third revision: one word of the body, a related-story block, and another byline (the first the picker offers).
  const offered = editor.getByLabel("Add a byline").locator("option").nth(1);
  const [byline, bylineName] = [Number(await offered.getAttribute("value")), (await offered.textContent())!];
  const body = { type: "doc", content: [paragraphNode("The library opens at ten."), paragraphNode("Entry is free."), { type: "relatedStory", attrs: { storyId: related.id } }] };
  await stories.update(id, { body, authorIds: [byline] });

  await editor.goto(`/editor/stories/${id}/revisions`);
  await expect(editor.getByRole("row")).toHaveCount(4);
  await editor.getByLabel("Compare from revision 1").check();
  await editor.getByRole("button", { name: "Compare" }).click();
  const comparison = editor.getByRole("region", { name: /Revision 1 → 3/ });
  // Fields by label, word by word; bylines by name; the body word by word, with its related block.
  const field = (label: string) => comparison.locator(".diff-fields > div").filter({ has: editor.locator("dt", { hasText: new RegExp(`^${label}$`) }) });
  await expect(field("Headline").locator("del")).toHaveText("[removed: story]");
  await expect(field("Headline").locator("ins")).toHaveText("[added: change]");
  await expect(field("Bylines").locator("ins")).toHaveText(`[added: + ${bylineName}]`);
  const bodyDiff = comparison.locator(".diff-body");
  await expect(bodyDiff.locator("p", { hasText: "The library opens at" }).locator("del")).toHaveText("[removed: nine]");
  await expect(bodyDiff.locator("p", { hasText: "The library opens at" }).locator("ins")).toHaveText("[added: ten]");
  await expect(bodyDiff.locator(".diff-related ins")).toHaveText(`[added: Related: ${related.headline}]`);
  await expect(comparison).not.toContainText("authorIds");

  await comparison.getByRole("button", { name: "Restore revision 1" }).click();
  await expect(editor.getByText("Revision 1 restored as revision 4.")).toBeVisible();
  await editor.goto(`/editor/stories/${id}`);
  await expect(editor.getByLabel("Headline")).toHaveValue(headline);
});

const paragraphNode = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

for (const colorScheme of ["light", "dark"] as const) {
  test(`a comparison of two revisions has no serious axe violations in ${colorScheme} mode`, async ({ browser, stories }) => {
    const related = await stories.create({ headline: "Ferry timetable" });
    const { id } = await stories.create({ headline: "Ferries return", paragraphs: ["The ferries run hourly.", "Tickets cost less."] });
    const body = { type: "doc", content: [paragraphNode("The ferries run every two hours."), { type: "relatedStory", attrs: { storyId: related.id } }] };
    await stories.update(id, { body, tags: ["Ferries", "Harbor"], relatedIds: [related.id] });
    const editor = await newSignedInPage(browser, EDITOR);
    await editor.emulateMedia({ colorScheme });
    await editor.goto(`/editor/stories/${id}/revisions?a=1&b=2`);
    await expect(editor.getByRole("region", { name: /Revision 1 → 2/ }).locator(".diff-chips ins").first()).toBeVisible();
    await expectNoSeriousAxeViolations(editor);
  });
}

test("images upload with a progress bar; other files are refused with a message", async ({ browser }) => {
  const editor = await newSignedInPage(browser, EDITOR);
  await editor.goto("/editor/media");
  const png = await sharp({ create: { width: 1400, height: 800, channels: 3, background: "#2b6f77" } }).png().toBuffer();
  await editor.getByLabel("Image file").setInputFiles({ name: "lighthouse.png", mimeType: "image/png", buffer: png });
  await editor.getByLabel("Alt text (required)").fill(`A teal test card ${run}`);
  await editor.getByLabel("Credit", { exact: true }).fill("Test desk");
  await editor.getByRole("button", { name: "Upload" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Uploaded." })).toBeVisible();
  await expect(editor.getByRole("img", { name: `A teal test card ${run}` })).toBeVisible();
  // Stored as a PNG, not a GIF under a .png name.
  const src = await editor.getByRole("img", { name: `A teal test card ${run}` }).getAttribute("src");
  const file = await editor.request.get(src!.replace(/-w\d+\.webp$/, ".png"));
  expect(file.headers()["content-type"]).toBe("image/png");
  expect((await file.body()).subarray(0, 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");

  await editor.getByLabel("Image file").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
  await editor.getByLabel("Alt text (required)").fill("A vector logo");
  await editor.getByRole("button", { name: "Upload" }).click();
  await expect(editor.getByText("Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded.")).toBeVisible();

  // The library searches alt text, and finds the upload again.
  await editor.goto(`/editor/media?q=${encodeURIComponent(`teal test card ${run}`)}`);
  await expect(editor.getByRole("img", { name: `A teal test card ${run}` })).toBeVisible();
});

test("drafts autosave, and leaving with unsaved changes asks first", async ({ browser, stories }) => {
  test.setTimeout(60_000);
  const editor = await newSignedInPage(browser, EDITOR);
  const { id } = await stories.create({ headline: `Autosave story ${run}` });
  await editor.goto(`/editor/stories/${id}`);
  await expect(editor.getByRole("textbox", { name: "Story body" })).toBeVisible();
  await editor.getByLabel("Deck").fill("Written, never saved by hand.");

  let asked = false;
  editor.once("dialog", (dialog) => {
    asked = true;
    void dialog.dismiss();
  });
  await editor.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Stories" }).click();
  expect(asked).toBe(true);
  await expect(editor).toHaveURL(new RegExp(`/editor/stories/${id}$`));

  await expect(editor.getByRole("status").filter({ hasText: /Autosaved at/ })).toBeVisible({ timeout: 20_000 });
  await editor.reload();
  await expect(editor.getByLabel("Deck")).toHaveValue("Written, never saved by hand.");
});

test("an admin adds a subsection; it is on the public site at once, and a bad slug is refused by the field", async ({ browser, request }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  await admin.goto("/editor/sections");
  await admin.getByLabel("Name of the new section").fill("Education");
  await admin.getByLabel("Slug of the new section").fill("Not Valid");
  await admin.getByLabel("Parent of the new section").selectOption({ label: "News" });
  await admin.getByRole("button", { name: "Add section" }).click();
  await expect(admin.getByText("Use lowercase letters, digits and single hyphens").first()).toBeVisible();
  await admin.getByLabel("Slug of the new section").fill(`education-${run}`);
  await admin.getByRole("button", { name: "Add section" }).click();
  await expect(admin.getByText("Education added.")).toBeVisible();
  await expect.poll(async () => (await request.get(`/news/education-${run}`)).status(), { timeout: 5000 }).toBe(200);
  await expect.poll(async () => (await request.get("/news")).text(), { timeout: 5000 }).toContain(`/news/education-${run}`);
});
