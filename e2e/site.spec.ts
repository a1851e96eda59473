import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { inSection, newestFirst, printedDate, stories, storyPath, topSections } from "./demo";
import { walkOlderPages } from "./fixtures/pages";

async function expectOwnHead(page: Page, title: string | RegExp) {
  await expect(page).toHaveTitle(title);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.{20,}/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.getByRole("contentinfo")).toBeVisible();
}

test("home: a lead story, the latest stories and a block for each top-level section", async ({ page }) => {
  await page.goto("/");
  await expectOwnHead(page, /^The Meridian/);
  const newest = newestFirst(stories);

  const lead = page.locator(".home-lead");
  await expect(lead.getByRole("heading")).toHaveText(newest[0]!.headline);
  await expect(lead.getByRole("link", { name: newest[0]!.headline })).toHaveAttribute("href", storyPath(newest[0]!));

  const latest = page.getByRole("region", { name: "Latest" });
  await expect(latest.getByRole("heading", { level: 3 })).toHaveText(newest.slice(1, 7).map((s) => s.headline));

  for (const section of topSections) {
    const block = page.getByRole("region", { name: section.name, exact: true });
    if (newestFirst(inSection(section.slug)).every((s) => newest.slice(0, 7).includes(s))) continue;
    await expect(block.getByRole("link", { name: section.name, exact: true })).toHaveAttribute("href", `/${section.slug}`);
    const shown = new Set(newest.slice(0, 7).map((s) => s.slug));
    const expected = newestFirst(inSection(section.slug))
      .filter((s) => !shown.has(s.slug))
      .slice(0, 4);
    await expect(block.getByRole("heading", { level: 3 })).toHaveText(expected.map((s) => s.headline));
  }

  // The masthead names the publication, with its logo, and links every top-level section.
  await expect(page.getByRole("banner").getByRole("link", { name: "The Meridian" })).toHaveAttribute("href", "/");
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("link")).toHaveText(topSections.map((s) => s.name));
});

test("section: name, breadcrumb, subsections and stories newest first with image, deck and date", async ({ page }) => {
  await page.goto("/news");
  await expectOwnHead(page, "News | The Meridian");
  await expect(page.locator("h1")).toHaveText("News");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link")).toHaveText(["News"]);
  await expect(page.getByRole("navigation", { name: "In News" }).getByRole("link")).toHaveText([
    "U.S.",
    "World",
    "Politics",
  ]);

  const expected = newestFirst(inSection("news")).slice(0, 10);
  const cards = page.locator(".section-stories article.card");
  await expect(cards.getByRole("heading", { level: 2 })).toHaveText(expected.map((s) => s.headline));
  const first = cards.first();
  await expect(first.locator("img")).toHaveAttribute("srcset", /_next\/image/);
  await expect(first.locator(".card-deck")).toHaveText(expected[0]!.deck);
  await expect(first.locator("time")).toHaveText(printedDate(expected[0]!.publishedAt));
});

test("subsection: the breadcrumb links every level", async ({ page }) => {
  await page.goto("/news/us");
  await expectOwnHead(page, "U.S. · News | The Meridian");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link");
  await expect(crumbs).toHaveText(["News", "U.S."]);
  await expect(crumbs.nth(0)).toHaveAttribute("href", "/news");
  await expect(crumbs.nth(1)).toHaveAttribute("aria-current", "page");
  const expected = newestFirst(inSection("news/us"));
  await expect(page.locator(".section-stories h2")).toHaveText(expected.map((s) => s.headline));
});

test("section pagination walks the whole archive by cursor, newest first, without repeats", async ({ page }) => {
  const expected = newestFirst(inSection("news")).map((s) => s.headline);
  expect(expected.length).toBeGreaterThan(10);
  const seen = await walkOlderPages(page, "/news");
  expect(seen).toEqual(expected);
});
