import { type Locator, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { PAGINATION } from "./fixtures/pagination";
import { E2E_ADMIN } from "./fixtures/setup";
import { signIn } from "./fixtures/sign-in";

// Every "Older" link of the newsroom: the address answers 200, the next page holds the older
// rows, and the list's filters stay on. The rows come from e2e/fixtures/pagination.ts.

test.beforeEach(async ({ page }) => {
  await signIn(page, E2E_ADMIN);
});

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** "prefix 05", "prefix 04", … for n from `from` down to `to`. */
const numbered = (prefix: string, from: number, to: number, width = 2) =>
  Array.from({ length: from - to + 1 }, (_, i) => `${prefix} ${pad(from - i, width)}`);

/** Opens the Older link (after checking its address answers 200 on its own) and returns its query. */
async function followOlder(page: Page, name: string): Promise<URLSearchParams> {
  const link = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name });
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/[?&]before=\d+/);
  expect((await page.request.get(href!)).status()).toBe(200);
  await link.click();
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === href);
  return new URL(href!, page.url()).searchParams;
}

const lists = [
  // The story list's own rows: the dashboard's charts have tables of their own, some inside its rows.
  { list: "stories", path: "/editor", link: "Older changes", rows: (page: Page) => page.locator(".story-table > tbody > tr") },
  { list: "audit log", path: "/editor/audit", link: "Older entries", rows: (page: Page) => page.locator("tbody tr") },
  { list: "comments", path: "/editor/comments", link: "Older comments", rows: (page: Page) => page.locator("tbody tr") },
  { list: "media library", path: "/editor/media", link: "Older images", rows: (page: Page) => page.locator(".media-library li") },
  { list: "trash", path: "/editor/trash", link: "Older stories", rows: (page: Page) => page.locator("tbody tr") },
];

for (const { list, path, link, rows } of lists) {
  test(`the ${list} has an Older link that opens the next, older page`, async ({ page }) => {
    await page.goto(path);
    const first = await rows(page).allTextContents();
    expect(first.length).toBeGreaterThan(0);
    await followOlder(page, link);
    await expect(page.locator("h1")).not.toHaveText("Page not found");
    await expect(rows(page).first()).toBeVisible();
    // Rows can read alike (one person signing in twice in a minute, one image uploaded twice), so
    // the page is compared whole: it is not the first page again. Which rows the next page holds,
    // exactly, the tests below check on the fixture's rows, which are all different.
    const next = await rows(page).allTextContents();
    expect(next).not.toEqual(first.slice(0, next.length));
  });
}

async function expectTexts(locator: Locator, texts: string[]) {
  await expect(locator).toHaveCount(texts.length);
  expect(await locator.allTextContents()).toEqual(texts);
}

test("the stories' Older link keeps the filters, and only them", async ({ page }) => {
  await page.goto(`/editor?q=${encodeURIComponent(PAGINATION.storyHeadline)}&status=draft&denied=1`);
  const headlines = page.locator(".story-table > tbody > tr > td:first-child a");
  await expectTexts(headlines, numbered(PAGINATION.storyHeadline, PAGINATION.stories, PAGINATION.stories - 29));
  const query = await followOlder(page, "Older changes");
  expect(query.get("q")).toBe(PAGINATION.storyHeadline);
  expect(query.get("status")).toBe("draft");
  expect(query.has("denied")).toBe(false);
  await expectTexts(headlines, numbered(PAGINATION.storyHeadline, PAGINATION.stories - 30, 1));
});

test("the audit log's Older link keeps the action and both dates", async ({ page }) => {
  const since = "2020-01-01T00:00";
  const until = "2020-12-31T23:59";
  await page.goto(`/editor/audit?action=${PAGINATION.action}&since=${since}&until=${until}`);
  const details = page.locator("tbody tr td:nth-child(3) .muted");
  await expect(details).toHaveCount(50);
  await expect(details.first()).toHaveText(`{"n":${PAGINATION.auditEntries}}`);
  const query = await followOlder(page, "Older entries");
  expect(Object.fromEntries(query)).toMatchObject({ action: PAGINATION.action, since, until });
  // The 2019 entries are outside the dates: a link without them would show those too.
  await expectTexts(
    details,
    Array.from({ length: PAGINATION.auditEntries - 50 }, (_, i) => `{"n":${PAGINATION.auditEntries - 50 - i}}`),
  );
  await expect(page.getByLabel("Since")).toHaveValue(since);
  await expect(page.getByLabel("Until")).toHaveValue(until);
});

test("the comments' Older link keeps the status and the story", async ({ page }) => {
  await page.goto("/editor/comments");
  const story = await page.getByLabel("Story").locator("option", { hasText: `${PAGINATION.storyHeadline} 01` }).getAttribute("value");
  await page.goto(`/editor/comments?status=spam&story=${story}`);
  const bodies = page.locator("tbody .moderation-text");
  await expectTexts(bodies, numbered(PAGINATION.commentBody, PAGINATION.comments, PAGINATION.comments - 49));
  const query = await followOlder(page, "Older comments");
  expect(Object.fromEntries(query)).toMatchObject({ status: "spam", story });
  await expectTexts(bodies, numbered(PAGINATION.commentBody, PAGINATION.comments - 50, 1));
});

test("the media library's Older link keeps the search and shows the older images", async ({ page }) => {
  await page.goto(`/editor/media?q=${encodeURIComponent(PAGINATION.mediaAlt)}`);
  const alts = page.locator(".media-library .media-alt");
  await expectTexts(alts, numbered(PAGINATION.mediaAlt, PAGINATION.media, PAGINATION.media - 119, 3));
  const query = await followOlder(page, "Older images");
  expect(query.get("q")).toBe(PAGINATION.mediaAlt);
  await expectTexts(alts, numbered(PAGINATION.mediaAlt, PAGINATION.media - 120, 1, 3));
});

test("the trash's Older link shows the stories trashed before", async ({ page }) => {
  await page.goto("/editor/trash");
  const headlines = page.locator("tbody tr td:first-child a").filter({ hasText: PAGINATION.trashedHeadline });
  // Stories other specs trash are newer: the fixture's fill the rest of the first page.
  await expect(headlines.first()).toHaveText(`${PAGINATION.trashedHeadline} ${PAGINATION.trashed}`);
  const firstPage = await headlines.allTextContents();
  await followOlder(page, "Older stories");
  const rest = await headlines.allTextContents();
  expect([...firstPage, ...rest]).toEqual(numbered(PAGINATION.trashedHeadline, PAGINATION.trashed, 1));
});
