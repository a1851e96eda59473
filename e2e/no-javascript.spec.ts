import { expect, test } from "./fixtures/test";
import { bySlug, newestFirst, reference, stories, storyPath } from "./demo";

// Reading needs no client JavaScript: every part is in the server's HTML.
test.use({ javaScriptEnabled: false });

test("the article reads completely without JavaScript", async ({ page }) => {
  await page.goto(storyPath(reference));
  await expect(page.locator("h1")).toHaveText(reference.headline);
  await expect(page.locator(".deck")).toHaveText(reference.deck);
  await expect(page.getByRole("img", { name: reference.hero.alt })).toBeVisible();
  expect(await page.getByRole("img", { name: reference.hero.alt }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator("figure.hero figcaption")).toContainText(reference.hero.credit);
  await expect(page.locator(".dateline")).toContainText("Published");
  const lastParagraph = reference.body.filter((block) => typeof block === "string").at(-1)!;
  await expect(page.locator(".story-body")).toContainText(lastParagraph);
  await expect(page.locator("aside.inline-related a")).toBeVisible();
  await expect(page.getByRole("region", { name: "Related stories" })).toContainText(bySlug(reference.related[0]!).headline);
  await expect(page.getByText("Post with no comments.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Share this story" }).getByRole("link")).toHaveCount(6);
});

test("home and section pages read without JavaScript, and their links work", async ({ page }) => {
  await page.goto("/");
  const newest = newestFirst(stories);
  await expect(page.locator(".home-lead h3")).toHaveText(newest[0]!.headline);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "News" }).click();
  await expect(page.locator("h1")).toHaveText("News");
  await page.getByRole("link", { name: "Older stories" }).click();
  await expect(page.locator(".section-stories h2").first()).toBeVisible();
  await page.locator(".section-stories h2 a").first().click();
  await expect(page.locator("h1")).toBeVisible();
  await expect(page.locator(".story-body p").first()).toBeVisible();
});
