import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { slugify } from "@/lib/format/slug";
import { reference, storyPath } from "./demo";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";

const to = (path: string) => (page: Page) => page.goto(path);

/** A section's second page, reached the way a reader reaches it (its cursor is a story id). */
async function olderStoriesOfNews(page: Page) {
  await page.goto("/news");
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Older stories" }).click();
  await expect(page).toHaveURL(/\/news\?before=\d+$/);
}

const pages: [name: string, open: (page: Page) => Promise<unknown>][] = [
  ["home", to("/")],
  ["section", to("/news")],
  ["subsection", to("/news/us")],
  ["older stories of a section", olderStoriesOfNews],
  ["article", to(storyPath(reference))],
  ["tag", to(`/tags/${slugify(reference.tags[0]!)}`)],
  ["author", to(`/authors/${reference.authors[0]!}`)],
  ["live", to("/live")],
  ["audio only", to("/live/audio")],
  ["search results", to("/search?q=ferry+service")],
  ["search with nothing found", to("/search?q=ferri+servise")],
];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });
    for (const [name, open] of pages) {
      test(`${name} has no serious or critical axe violations`, async ({ page }) => {
        await open(page);
        await expectNoSeriousAxeViolations(page);
      });
    }
  });
}

test("landmarks, a skip link that works and a visible focus ring", async ({ page }) => {
  await page.goto(storyPath(reference));
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("contentinfo")).toHaveCount(1);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});
