import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { inSection, printedDate, stories, storyPath } from "./demo";

// The public search (/search) over the demo edition as seeded: it changes nothing, so it runs
// with the other reading-site specs. The header's box and the search's own form are plain GET
// forms: the search reads and pages without JavaScript.

test.use({ javaScriptEnabled: false });

const ferry = stories.find((story) => /^Ferry service/.test(story.headline))!;

/** The headlines of the results on the page, in order. */
const resultHeadlines = (page: Page) => page.locator(".search-result h2").allTextContents();

test("the header's search box finds a story without JavaScript, its words marked, on a noindex page", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("search", { name: "Site search" });
  await box.getByRole("searchbox", { name: "Search stories" }).fill("ferry service");
  await box.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=ferry\+service$/);
  await expect(page.locator("h1")).toHaveText("Search: ferry service");
  const first = page.locator(".search-result").first();
  await expect(first.getByRole("link", { name: ferry.headline })).toHaveAttribute("href", storyPath(ferry));
  await expect(first.locator("h2 mark")).toHaveText(["Ferry", "service"]);
  await expect(first.locator(".search-snippet mark").first()).toBeVisible();
  await expect(first.locator("time")).toHaveText(printedDate(ferry.publishedAt));
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, follow");
  await first.getByRole("link", { name: ferry.headline }).click();
  await expect(page.locator("h1")).toHaveText(ferry.headline);
});

test("the header's box fits a phone's width", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const box = page.getByRole("search", { name: "Site search" });
  await expect(box).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expect(page.getByRole("navigation", { name: "Live streams" }).getByRole("link", { name: "Live" })).toBeInViewport();
});

test("filters narrow the results by section (with its subsections) and by date", async ({ page }) => {
  await page.goto("/search?q=officials");
  const form = page.getByRole("search", { name: "Search stories" });
  await form.getByLabel("Section").selectOption("news");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/section=news/);
  const links = await page.locator(".search-result h2 a").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
  expect(links.length).toBeGreaterThan(0);
  const inNews = new Set(inSection("news").map(storyPath));
  for (const link of links) expect(inNews.has(link!), link!).toBe(true);

  const day = ferry.publishedAt.slice(0, 10);
  await page.goto(`/search?q=${encodeURIComponent("ferry or officials")}&from=${day}&to=${day}`);
  await expect(page.getByLabel("From")).toHaveValue(day);
  const sameDay = stories.filter((story) => story.publishedAt.startsWith(day)).map((story) => story.headline);
  for (const headline of await resultHeadlines(page)) expect(sameDay).toContain(headline);
  await expect(page.locator(".search-result h2").first()).toHaveText(ferry.headline);
});

test("results page with a cursor, each story once", async ({ page }) => {
  await page.goto("/search?q=officials");
  const first = await resultHeadlines(page);
  expect(first).toHaveLength(20);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "More results" }).click();
  await expect(page).toHaveURL(/after=\d+/);
  await expect.poll(async () => (await resultHeadlines(page)).some((headline) => !first.includes(headline))).toBe(true);
  const second = await resultHeadlines(page);
  expect(second.length).toBeGreaterThan(0);
  for (const headline of second) expect(first).not.toContain(headline);
  await page.getByRole("link", { name: "Best results" }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect.poll(() => resultHeadlines(page)).toEqual(first);
});

test("a search that finds nothing suggests the archive's own words", async ({ page }) => {
  await page.goto("/search?q=ferri+servise");
  await expect(page.getByText("No stories match “ferri servise”.")).toBeVisible();
  await page.getByRole("link", { name: "ferry service" }).click();
  await expect(page.locator(".search-result h2").first()).toHaveText(ferry.headline);
});

test("odd searches get a message, malformed addresses a 400, never an error", async ({ page, request }) => {
  await page.goto("/search?q=the+and+of");
  await expect(page.getByText("Those words are too common to search by")).toBeVisible();
  const bad = await request.get("/search?q=ferry&from=2026-02-30&after=x");
  expect(bad.status()).toBe(400);
  expect(bad.headers()["cache-control"]).not.toContain("public");
  const text = await bad.text();
  expect(text).toContain("The start date must be a day written YYYY-MM-DD");
  expect(text).toContain("This link to a further page of results is broken");
  for (const q of ["%F0%9F%98%80%00%ED%A0%80", "a".repeat(3000), "%22%22+-+or+-", "%27%3B+drop+table+stories%3B--", "!!!:*&|"]) {
    expect((await request.get(`/search?q=${q}`)).status(), q).toBe(200);
  }
  const unknown = await request.get("/search?q=ferry&section=no-such-section");
  expect(unknown.status()).toBe(200);
  expect(await unknown.text()).toContain("There is no such section");
  const ok = await request.get("/search?q=ferry");
  expect(ok.headers()["cache-control"]).toContain("public");
});
