import { expect, test } from "@playwright/test";
import { reference, storyPath } from "./demo";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";

const pages = [
  ["home", "/"],
  ["section", "/news"],
  ["subsection", "/news/us"],
  ["article", storyPath(reference)],
  ["live", "/live"],
  ["audio only", "/live/audio"],
] as const;

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });
    for (const [name, path] of pages) {
      test(`${name} has no serious or critical axe violations`, async ({ page }) => {
        await page.goto(path);
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
