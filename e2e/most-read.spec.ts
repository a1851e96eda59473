import type { Page } from "@playwright/test";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// Readers' views, counted by the article's beacon (lib/analytics/beacon.ts) and written in batches,
// make "Most read" on the home page and on articles; related stories show under an article.
// It runs with the newsroom specs: the stories it reads make a "Most read" list on the front page,
// which the reading-site specs check as seeded. Playwright's own browser names itself
// HeadlessChrome, a bot: views of every other spec are not counted, and this one reads as a reader.

const READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

test.describe.configure({ timeout: 120_000 });

/** Opens `path` and returns the body of the view beacon the page posts. */
async function readArticle(page: Page, path: string): Promise<string | null> {
  const beacon = page.waitForRequest((request) => request.method() === "POST" && new URL(request.url()).pathname === "/api/views");
  await page.goto(path);
  return (await beacon).postData();
}

/** The headlines of the "Most read" list on the page at `path`, of those in `ours`. */
async function mostReadOn(page: Page, path: string, ours: string[]): Promise<string[]> {
  await page.goto(path);
  const links = page.getByRole("region", { name: "Most read" }).getByRole("link");
  return (await links.allTextContents()).map((text) => text.trim()).filter((text) => ours.includes(text));
}

test("a reader's view is counted once and makes Most read; related stories show under an article", async ({ browser, page, request, stories }) => {
  const topic = `Harbour ferries ${uniqueSuffix()}`;
  // Created in this order, so a tie in views goes to the later one.
  const twice = await stories.create({ headline: "Most read, read twice", status: "published" });
  const once = await stories.create({ headline: "Most read, read once", status: "published" });
  const read = await stories.create({ headline: "Most read, read in a browser", status: "published" });
  const byBot = await stories.create({ headline: "Most read, read by a bot", status: "published" });
  await stories.update(twice.id, { tags: [topic] });
  await stories.update(read.id, { tags: [topic] });

  // Views posted as a reader's browser would post them.
  for (const id of [twice.id, twice.id, once.id]) {
    const posted = await request.post("/api/views", { data: JSON.stringify({ storyId: id }), headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": READER_AGENT } });
    expect(posted.status()).toBe(204);
  }
  // A reader opens one article in Chromium: one beacon, with the story id only.
  const reader = await browser.newContext({ userAgent: READER_AGENT });
  try {
    const readerPage = await reader.newPage();
    expect(JSON.parse((await readArticle(readerPage, read.path)) ?? "")).toEqual({ storyId: read.id });
    // The story sharing its tag and section is its first related story, after no editor's pick.
    const related = readerPage.getByRole("region", { name: "Related stories" }).getByRole("link");
    await expect(related.first()).toHaveText(twice.headline);
  } finally {
    await reader.close();
  }
  // The headless browser posts a beacon too, which is not counted.
  expect(JSON.parse((await readArticle(page, byBot.path)) ?? "")).toEqual({ storyId: byBot.id });

  // The counts are written within seconds; "Most read" is read again when a story changes (and
  // every five minutes otherwise). Read once, the browser's story ties the story read once and
  // goes before it as the newer; read twice, it would go before the story read twice.
  const ours = [twice.headline, once.headline, read.headline, byBot.headline];
  await expect(async () => {
    await stories.update(once.id, { deck: `Changed ${uniqueSuffix()}` });
    expect(await mostReadOn(page, "/", ours)).toEqual([twice.headline, read.headline, once.headline]);
  }).toPass({ timeout: 45_000 });
  // On an article too, without the article itself.
  await expect(async () => {
    expect(await mostReadOn(page, byBot.path, ours)).toEqual([twice.headline, read.headline, once.headline]);
  }).toPass({ timeout: 15_000 });
  await expect(async () => {
    expect(await mostReadOn(page, twice.path, ours)).toEqual([read.headline, once.headline]);
  }).toPass({ timeout: 15_000 });
});
