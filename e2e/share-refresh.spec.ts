import sharp from "sharp";
import { expect, test } from "./fixtures/stories";

// A story's share card follows its edits: a new headline gives the card a new address (social
// networks keep an image by its URL) and a redrawn picture, and the editor's SEO title and
// description are what the page's title, OpenGraph and Twitter tags carry.

const photo = () => sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#7a3b12" } }).jpeg().toBuffer();

test("editing a story redraws its share image and its SEO fields reach the share tags", async ({ page, request, stories }) => {
  const story = await stories.create({
    headline: "Harbor ferries return",
    deck: "Service resumes after the winter refit.",
    status: "published",
    hero: { alt: "A ferry at the quay", credit: "Photo: Harbor desk", jpeg: await photo() },
  });
  const ogImage = async () => (await page.locator('meta[property="og:image"]').getAttribute("content"))!;
  await page.goto(story.path);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", story.headline);
  const before = await ogImage();
  const first = await request.get(before);
  expect(first.status()).toBe(200);
  const firstBytes = await first.body();

  await stories.update(story.id, {
    headline: `${story.headline}, with a new timetable`,
    seoTitle: "Ferries are back: the new timetable",
    seoDescription: "When the harbor ferries run this winter.",
  });
  await expect(async () => {
    await page.goto(story.path);
    expect(await ogImage()).not.toBe(before);
  }).toPass({ timeout: 15_000 });
  const after = await request.get(await ogImage());
  expect(after.status()).toBe(200);
  expect((await after.body()).equals(firstBytes)).toBe(false);
  // The old address is cached under the story's tag too: asked again, it draws the story as it is.
  expect((await (await request.get(before)).body()).equals(firstBytes)).toBe(false);
  expect(await sharp(await after.body()).metadata()).toMatchObject({ width: 1200, height: 630 });

  await expect(page).toHaveTitle(/^Ferries are back: the new timetable/);
  for (const key of ["og:title", "twitter:title"]) {
    await expect(page.locator(`meta[property="${key}"], meta[name="${key}"]`)).toHaveAttribute("content", "Ferries are back: the new timetable");
  }
  for (const key of ["description", "og:description", "twitter:description"]) {
    await expect(page.locator(`meta[property="${key}"], meta[name="${key}"]`)).toHaveAttribute("content", "When the harbor ferries run this winter.");
  }
});

test("publishing refreshes the feed and the news sitemap the server answers from stored bytes", async ({ request, stories }) => {
  // Both are stored after a first request (lib/http/page-store.ts); a publish drops them at once.
  for (const path of ["/feed.xml", "/sitemaps/news.xml"]) {
    await request.get(path);
    await request.get(path);
  }
  const story = await stories.create({ headline: "Stored feeds follow the news", status: "published" });
  const feed = await request.get("/feed.xml");
  expect(await feed.text()).toContain(story.headline);
  const news = await request.get("/sitemaps/news.xml");
  expect(await news.text()).toContain(story.path);
});
