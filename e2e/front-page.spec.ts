import type { Browser, Page } from "@playwright/test";
import { newestFirst, stories as demoStories } from "./demo";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { E2E_ADMIN } from "./fixtures/setup";
import { signIn } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// The site settings and the front page, through the newsroom as an admin and an editor do it,
// and what a reader then sees. It changes what every page shows, so it changes nothing other
// specs read: not the site name (specs click the masthead by it), only the description; it pins
// an older demo story (a newly published story still shows under "Latest"); and it puts
// everything back in `finally`, so the front page is as seeded again for the next run.

test.describe.configure({ mode: "serial", timeout: 180_000 });

// An older demo story: pinned as the lead, it is not what leads unpinned.
const older = newestFirst(demoStories)[12]!;

async function axeInBothModes(page: Page) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
}

/** A reader's page (no session) at `path`, until `check` passes: pages refresh within seconds. */
async function asReader(browser: Browser, path: string, check: (page: Page) => Promise<void>) {
  const reader = await browser.newPage();
  try {
    await expect(async () => {
      await reader.goto(path);
      await check(reader);
    }).toPass({ timeout: 15_000 });
  } finally {
    await reader.close();
  }
}

/** A wall-clock time `minutes` from now on the site's clock (the e2e server's SITE_TIMEZONE is UTC). */
const utcLocal = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

async function chooseStory(page: Page, group: string, headline: string) {
  const fieldset = page.getByRole("group", { name: group });
  await fieldset.getByRole("button", { name: "Choose a story" }).click();
  await fieldset.getByLabel("Search headlines").fill(headline.split(" ").slice(0, 3).join(" "));
  await fieldset.getByRole("button", { name: headline, exact: true }).click();
}

/** Unpins everything, clears the banner, and puts the description back. */
async function restore(page: Page, description: string) {
  await page.goto("/editor/front-page");
  const unpin = page.getByRole("button", { name: /^Unpin/ });
  while ((await unpin.count()) > 0) {
    const before = await unpin.count();
    await unpin.first().click();
    await expect(unpin).toHaveCount(before - 1);
  }
  const clear = page.getByRole("button", { name: "Clear banner" });
  if (await clear.isVisible()) {
    await clear.click();
    await expect(page.getByText("No banner is showing.")).toBeVisible();
  }
  await page.goto("/editor/settings");
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
}

test("an admin's settings and an editor's pins and banner reach readers, and go when undone", async ({ page, browser }) => {
  const suffix = uniqueSuffix();
  await signIn(page, E2E_ADMIN);
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  const description = await page.getByLabel("Description").inputValue();
  try {
    // The environment wins where set: the e2e server sets SITE_TIMEZONE, so the form shows it fixed.
    await expect(page.getByText("(fixed: set by SITE_TIMEZONE)")).toBeVisible();
    await expect(page.getByLabel("Time zone")).toHaveCount(0);
    await axeInBothModes(page);

    await page.getByLabel("Description").fill(" ");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Enter a sentence about the publication")).toBeVisible();
    await expect(page.getByLabel("Description")).toHaveAttribute("aria-invalid", "true");

    const newDescription = `Harbor towns, ferries and tides, reported daily ${suffix}.`;
    await page.getByLabel("Description").fill(newDescription);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
    await asReader(browser, "/", async (reader) => {
      await expect(reader.locator('meta[name="description"]')).toHaveAttribute("content", newDescription);
    });

    // The front page: pin an older story as the lead, and put up a banner.
    await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Front page" }).click();
    await expect(page.getByText("Nothing is pinned")).toBeVisible();
    await chooseStory(page, "Story to pin", older.headline);
    await page.getByRole("button", { name: "Pin story" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Pinned as the lead story." })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: older.headline })).toContainText("Lead:");

    const banner = page.getByRole("region", { name: "Breaking-news banner" });
    const bannerText = `Causeway closed by the storm surge ${suffix}`;
    await banner.getByLabel("Banner text").fill(bannerText);
    await banner.getByLabel("Link address").fill("/news");
    await banner.getByLabel("Ends at").fill(utcLocal(-5));
    await banner.getByRole("button", { name: "Put up banner" }).click();
    await expect(banner.getByText("Choose a time in the future")).toBeVisible();
    await banner.getByLabel("Ends at").fill(utcLocal(60));
    await banner.getByRole("button", { name: "Put up banner" }).click();
    await expect(banner.getByRole("status").filter({ hasText: "The banner is up on every page." })).toBeVisible();
    await expect(banner.getByText(`Showing on every page: ${bannerText}`)).toBeVisible();
    await axeInBothModes(page);

    await asReader(browser, "/", async (reader) => {
      await expect(reader.locator(".home-lead")).toContainText(older.headline);
      const breaking = reader.getByRole("complementary", { name: "Breaking news" });
      await expect(breaking.getByRole("link", { name: bannerText })).toHaveAttribute("href", "/news");
    });
    await asReader(browser, "/news", async (reader) => {
      await expect(reader.getByRole("complementary", { name: "Breaking news" })).toContainText(bannerText);
    });

    // Undone: the newest story leads again and the banner is gone.
    await restore(page, description);
    await asReader(browser, "/", async (reader) => {
      await expect(reader.locator(".home-lead")).not.toContainText(older.headline);
      await expect(reader.getByRole("complementary", { name: "Breaking news" })).toHaveCount(0);
      await expect(reader.locator('meta[name="description"]')).toHaveAttribute("content", description);
    });
  } finally {
    await restore(page, description);
  }
});
