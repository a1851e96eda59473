import { request as playwrightRequest, type APIRequestContext, type Browser, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { CHARTS } from "./fixtures/charts";
import { EDITOR, postCredentials, signIn, WRITER, type Account } from "./fixtures/sign-in";
import { expect, test } from "./fixtures/stories";

// What readers read, as the newsroom sees it: the charts spec's own story (e2e/fixtures/charts.ts,
// views stored before the server started) on the dashboard — its sparkline, the site's 30 days
// with the table behind them, today's top stories — and on its page, its views by hour. The
// story is published for the spec and pulled again after it; the tests run one after another so
// no test pulls it while another reads.

test.describe.configure({ mode: "serial", timeout: 180_000 });

let api: APIRequestContext;
let storyId = 0;

async function signedIn(browser: Browser, who: Account): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** The numbers of a table's "Views" column, added up. */
async function sumOfViews(table: Locator): Promise<number> {
  const cells = await table.locator("tbody td").allTextContents();
  return cells.reduce((sum, cell) => sum + Number(cell.replace(/,/g, "")), 0);
}

test.beforeAll(async ({ baseURL }) => {
  api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  expect((await postCredentials(api, EDITOR)).ok()).toBe(true);
  const { results } = await (await api.get(`/api/admin/stories/search?q=${CHARTS.word}`)).json();
  storyId = (results as { id: number; headline: string }[]).find((result) => result.headline === CHARTS.headline)!.id;
  // 409 when an earlier run on the same server left it published.
  expect([200, 409]).toContain((await api.post(`/api/admin/stories/${storyId}/publish`)).status());
});

test.afterAll(async () => {
  expect((await api.post(`/api/admin/stories/${storyId}/unpublish`)).status()).toBe(200);
  await api.dispose();
});

test("the dashboard shows the story's week as a sparkline, the site's 30 days with their numbers, and today's top stories", async ({ browser }) => {
  const page = await signedIn(browser, EDITOR);
  await page.goto(`/editor?q=${CHARTS.word}`);
  const row = page.locator(".story-table > tbody > tr").filter({ hasText: CHARTS.headline });
  await expect(row.getByRole("img", { name: `${CHARTS.totalViews.toLocaleString("en-GB")} views in 7 days` })).toBeVisible();
  // The days behind the line, for screen readers: seven of them, adding up to the story's views.
  const days = row.getByRole("table", { name: `Views of “${CHARTS.headline}”, last 7 days` });
  await expect(days.locator("tbody tr")).toHaveCount(7);
  expect(await sumOfViews(days)).toBe(CHARTS.totalViews);

  const panel = page.getByRole("region", { name: "What readers read" });
  await expect(panel.getByRole("img", { name: "The site's views per day, last 30 days" })).toBeVisible();
  const siteDays = panel.getByRole("table", { name: "The site's views per day, last 30 days" });
  await expect(siteDays).toBeHidden();
  await panel.getByText("Show the numbers").click();
  await expect(siteDays).toBeVisible();
  await expect(siteDays.locator("tbody tr")).toHaveCount(30);
  expect(await sumOfViews(siteDays)).toBeGreaterThanOrEqual(CHARTS.totalViews);

  const top = panel.locator(".top-stories li").first();
  await expect(top.getByRole("link", { name: CHARTS.headline })).toHaveAttribute("href", `/editor/stories/${storyId}`);
  await expect(top).toContainText("views");
});

test("the story's page shows its views by hour since publication, with their numbers, readable in light and dark", async ({ browser }) => {
  const page = await signedIn(browser, EDITOR);
  await page.goto(`/editor/stories/${storyId}`);
  const section = page.getByRole("region", { name: "Views by hour since publication" });
  await expect(section.getByRole("img", { name: "Views by hour since publication" })).toBeVisible();
  await section.getByText("Show the numbers").click();
  const hours = section.getByRole("table", { name: "Views by hour since publication" });
  await expect(hours).toBeVisible();
  // An hour a row from the hour of publication to now: the fixture's hours, and any since the server started.
  expect(await hours.locator("tbody tr").count()).toBeGreaterThanOrEqual(CHARTS.hours);
  expect(await sumOfViews(hours)).toBe(CHARTS.totalViews);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
});

test("a story nobody has read says so, and a writer sees today's top stories but not the site's traffic", async ({ browser, stories }) => {
  const unread = await stories.create({ headline: "Tidal gauge readings go online", status: "published" });
  const editor = await signedIn(browser, EDITOR);
  await editor.goto(unread.editUrl);
  await expect(editor.getByRole("region", { name: "Views by hour since publication" })).toContainText("No views yet.");

  const writer = await signedIn(browser, WRITER);
  await writer.goto(`/editor?q=${encodeURIComponent(unread.headline)}`);
  await expect(writer.locator(".story-table > tbody > tr").filter({ hasText: unread.headline })).toContainText("No views yet");
  const panel = writer.getByRole("region", { name: "What readers read" });
  await expect(panel.getByRole("heading", { name: "Today’s top stories" })).toBeVisible();
  await expect(panel.getByRole("link", { name: CHARTS.headline })).toBeVisible();
  await expect(panel.getByText("The site, last 30 days")).toHaveCount(0);
});
