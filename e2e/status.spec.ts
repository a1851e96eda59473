import { expect, test } from "@playwright/test";
import { WITHDRAWN } from "./fixtures/setup";
import { reference, storyPath } from "./demo";

test.describe("exact status codes", () => {
  for (const path of ["/no-such-page", "/news/us/no-such-story", "/news/nowhere", "/news/us/Not-A-Slug", "/news?before=999999", "/live/nowhere"]) {
    test(`404 for ${path}, with the site's navigation`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.locator("h1")).toHaveText("Page not found");
      await expect(page).toHaveTitle("Page not found | The Meridian");
      await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
      await expect(page.locator('meta[name="robots"][content*="noindex"]').first()).toBeAttached();
    });
  }

  test("410 for a story that was unpublished", async ({ page, request }) => {
    const response = await page.goto(WITHDRAWN.path);
    expect(response?.status()).toBe(410);
    await expect(page.locator("h1")).toHaveText("This story has been removed");
    // Asked again (now from the cache), still 410.
    expect((await request.get(WITHDRAWN.path)).status()).toBe(410);
  });

  test("only section pages read ?before= as a page of older stories", async ({ request }) => {
    expect((await request.get("/live?before=1")).status()).toBe(200);
    expect((await request.get("/live/audio?before=1")).status()).toBe(200);
    expect((await request.get("/editor?before=1", { maxRedirects: 0 })).status()).toBe(307);
  });

  test("the removed-story page is not reachable at an address of its own", async ({ request }) => {
    expect((await request.get("/gone")).status()).toBe(404);
    // Feeds live under their pages (/news/feed.xml); the handlers they are rewritten to have no address.
    expect((await request.get("/news/feed.xml")).status()).toBe(200);
    expect((await request.get("/feeds/sections/news")).status()).toBe(404);
  });

  test("an article has exactly one URL: under another section it is not found", async ({ request }) => {
    expect((await request.get(storyPath(reference))).status()).toBe(200);
    expect((await request.get(`/news/${reference.slug}`)).status()).toBe(404);
    expect((await request.get(`/sports/${reference.slug}`)).status()).toBe(404);
  });

  test("public pages are cacheable, and served from the cache the second time", async ({ request }) => {
    const path = storyPath(reference);
    await request.get(path);
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toMatch(/s-maxage=\d+/);
    expect(response.headers()["x-nextjs-cache"]).toBe("HIT");
  });
});
