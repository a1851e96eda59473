import { type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { addPerson } from "./fixtures/people";
import { E2E_ADMIN } from "./fixtures/setup";
import { EDITOR, signIn, WRITER } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// Authors in the newsroom (/editor/authors), walked in Chromium: an editor adds a contributor
// without an account (refused input first), a story carries the byline, and an edit of the bio
// and photo reaches the public author page; writers have no way in; a writer's new story starts
// with their own byline. Each test makes the author and story it works on.

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** A portrait for the contributor: a green test card. */
const portrait = () => sharp({ create: { width: 600, height: 600, channels: 3, background: "#2e6b4f" } }).jpeg().toBuffer();

/** Polls a public URL until its HTML contains every one of `texts` (the page cache refreshes on its own). */
async function waitForPublic(request: APIRequestContext, path: string, texts: string[], seconds = 20) {
  const started = Date.now();
  for (;;) {
    const html = await (await request.get(path)).text();
    if (texts.every((text) => html.includes(text))) return;
    if (Date.now() - started > seconds * 1000) throw new Error(`${path} did not show ${texts.join(", ")} within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Adds a contributor through the form; returns their slug and the id from their edit page's address. */
async function addContributor(page: Page, name: string): Promise<{ id: number; slug: string }> {
  await page.goto("/editor/authors");
  await field(page, "Name").fill(name);
  await field(page, "Title").fill("Contributing photographer");
  await field(page, "Short bio").fill("Photographs the coast for us.");
  await field(page, "Links").fill("Portfolio https://portfolio.example.org/");
  await page.getByRole("button", { name: "Add author" }).click();
  const added = page.getByRole("status").filter({ hasText: `${name} added, at /authors/` });
  await expect(added).toBeVisible();
  const slug = (await added.textContent())!.match(/\/authors\/([a-z0-9-]+)/)![1]!;
  await page.getByRole("table").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return { id: Number(page.url().match(/\/editor\/authors\/(\d+)$/)![1]), slug };
}

test("an editor adds a contributor, a story carries the byline, and an edited bio and photo reach the author page", async ({ page, request, stories }) => {
  const name = `Harper Vale ${uniqueSuffix()}`;
  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Authors" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Authors" })).toBeVisible();

  // Refused input comes back next to its field, with what was typed.
  await field(page, "Name").fill(name);
  await field(page, "Slug").fill("Not A Slug");
  await field(page, "Links").fill("Portfolio javascript:alert(1)");
  await page.getByRole("button", { name: "Add author" }).click();
  await expect(page.getByText("Use lowercase letters, digits and single hyphens")).toBeVisible();
  await expect(field(page, "Slug")).toHaveAttribute("aria-invalid", "true");
  await expect(field(page, "Name")).toHaveValue(name);

  const { id, slug } = await addContributor(page, name);
  expect(slug).toMatch(/^harper-vale-/);
  await expect(field(page, "Staff account")).toHaveValue("");
  const story = await stories.create({ headline: "Storm surge photographed from the lighthouse", authorIds: [id], status: "published" });
  await waitForPublic(request, `/authors/${slug}`, ["Photographs the coast for us."]);

  await page.reload();
  await field(page, "Short bio").fill("Photographs the coast and its weather.");
  await page.getByText("Upload a new photo").click();
  await page.getByLabel("Image file").setInputFiles({ name: "portrait.jpg", mimeType: "image/jpeg", buffer: await portrait() });
  await page.getByLabel("Alt text (required)", { exact: true }).fill(`Portrait of ${name}`);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("img", { name: `Chosen photo: Portrait of ${name}` })).toBeVisible();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();

  // The cached author page and the article show the change within seconds.
  await waitForPublic(request, `/authors/${slug}`, ["Photographs the coast and its weather.", `alt="Portrait of ${name}"`]);
  await page.goto(`/authors/${slug}`);
  await expect(page.locator(".author-bio")).toHaveText("Photographs the coast and its weather.");
  await expect(page.getByRole("img", { name: `Portrait of ${name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Portfolio" })).toHaveAttribute("href", "https://portfolio.example.org/");
  await page.goto(story.path);
  await expect(page.locator(".byline").getByRole("link", { name })).toHaveAttribute("href", `/authors/${slug}`);

  // A renamed profile reaches the article that carries it.
  await page.goto(`/editor/authors/${id}`);
  await field(page, "Name").fill(`${name} Jr`);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  await waitForPublic(request, story.path, [`${name} Jr`]);
});

test("writers see no Authors page and cannot open one", async ({ page }) => {
  await signIn(page, WRITER);
  await expect(page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Authors" })).toHaveCount(0);
  await page.goto("/editor/authors");
  await expect(page).toHaveURL(/\/editor\?denied=1$/);
  await page.goto("/editor/authors/1");
  await expect(page).toHaveURL(/\/editor\?denied=1$/);
});

test("a writer's new story starts with their own byline, and saves without choosing one", async ({ page }) => {
  await signIn(page, WRITER);
  await page.getByRole("link", { name: "New story" }).first().click();
  await expect(page.getByRole("textbox", { name: "Story body" })).toBeVisible();
  const bylines = page.getByRole("group", { name: "Bylines" });
  await expect(bylines.getByRole("listitem")).toHaveText([/^Riley Okonjo/]);
  await page.getByLabel("Headline").fill(`Harbour pilots train on a new simulator ${uniqueSuffix()}`);
  await page.getByLabel("Section").selectOption({ label: "news/us" });
  await page.getByRole("textbox", { name: "Story body" }).click();
  await page.keyboard.type("The simulator arrived on Tuesday.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/editor\/stories\/\d+$/);
  await page.reload();
  await expect(page.getByRole("group", { name: "Bylines" }).getByRole("listitem")).toHaveText([/^Riley Okonjo/]);
});

test("a person an admin invites has their own byline: listed under Authors, and on their first story", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  const person = { name: `Nell Byline ${suffix}`, email: `nell-${suffix}@e2e.test`, password: "nell-first-password" };
  await signIn(page, E2E_ADMIN);
  const writer = await addPerson(page, browser, person);
  await page.goto("/editor/authors");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: person.name }) });
  await expect(row).toContainText(`/authors/nell-byline-${suffix}`);
  await expect(row).toContainText(`${person.name} (${person.email})`);
  // The first admin, made by the start, has one too.
  await expect(page.getByRole("row").filter({ hasText: `(${E2E_ADMIN.email})` })).toHaveCount(1);

  await writer.goto("/editor/stories/new");
  await expect(writer.getByRole("group", { name: "Bylines" }).getByRole("listitem")).toHaveText([new RegExp(`^${person.name}`)]);
  await writer.context().close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the authors pages have no serious axe violations in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await signIn(page, EDITOR);
    await page.goto("/editor/authors");
    await page.getByText("Choose from the media library").click();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("button", { name: "Save profile" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
}
