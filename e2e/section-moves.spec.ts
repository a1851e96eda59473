import { E2E_ADMIN } from "./fixtures/setup";
import { signIn } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// A section that moves keeps its old addresses: an admin changes a top-level section's slug in the
// newsroom, and its old page, its feed and its story's old URL answer 301 (in one hop, before
// Next.js renders anything) to where they are now. The section and its slugs are this test's own.

test("an admin changes a section's slug; its old page, feed and story URL answer 301 to the new ones", async ({ browser, request, stories }) => {
  const run = uniqueSuffix();
  const name = `Moving desk ${run}`;
  const [oldSlug, newSlug] = [`moving-${run}`, `moved-${run}`];
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, E2E_ADMIN);

  await admin.goto("/editor/sections");
  await admin.getByLabel("Name of the new section").fill(name);
  await admin.getByLabel("Slug of the new section").fill(oldSlug);
  await admin.getByRole("button", { name: "Add section" }).click();
  await expect(admin.getByText(`${name} added.`)).toBeVisible();
  const sectionForm = admin.locator("form").filter({ has: admin.getByLabel(`Slug of ${name}`) });
  const sectionId = Number(await sectionForm.locator('input[name="sectionId"]').inputValue());
  expect(sectionId).toBeGreaterThan(0);

  const story = await stories.create({ headline: "A story in a section that moves", status: "published", section: { id: sectionId, path: oldSlug } });
  expect(story.path).toBe(`/${oldSlug}/${story.slug}`);
  await expect.poll(async () => (await request.get(story.path)).status()).toBe(200);

  await admin.getByLabel(`Slug of ${name}`).fill(newSlug);
  await admin.getByRole("button", { name: `Save ${name}` }).click();
  await expect(admin.getByText("Section saved.")).toBeVisible();

  const answer = async (path: string) => {
    const response = await request.get(path, { maxRedirects: 0 });
    return { status: response.status(), location: response.headers().location };
  };
  await expect.poll(() => answer(`/${oldSlug}`)).toEqual({ status: 301, location: `/${newSlug}` });
  expect(await answer(`/${oldSlug}?before=123`)).toEqual({ status: 301, location: `/${newSlug}?before=123` });
  expect(await answer(`/${oldSlug}/feed.xml`)).toEqual({ status: 301, location: `/${newSlug}/feed.xml` });
  expect(await answer(story.path)).toEqual({ status: 301, location: `/${newSlug}/${story.slug}` });

  // Where they lead is live: the section page, its feed with the story, and the story itself.
  expect((await request.get(`/${newSlug}`, { maxRedirects: 0 })).status()).toBe(200);
  const feed = await request.get(`/${newSlug}/feed.xml`, { maxRedirects: 0 });
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain(story.headline);
  expect((await request.get(`/${newSlug}/${story.slug}`, { maxRedirects: 0 })).status()).toBe(200);
});
