import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import sharp from "sharp";
import { seedAuthors } from "@/lib/demo/content/authors";
import { slugify } from "@/lib/format/slug";
import { reference, storyPath, topSections } from "./demo";
import { jsonLd, ofType } from "./fixtures/pages";
import { TOPICS } from "./fixtures/topics";

// What a link shows when it is shared, and the images search engines are offered, read from the
// pages as a social network or a crawler reads them: OpenGraph and Twitter tags on every public
// page type, each naming a 1200×630 PNG that answers, and an article's NewsArticle photo in
// 16:9, 4:3 and 1:1 crops of the stated sizes. Read-only.

const author = seedAuthors.find((a) => a.slug === reference.authors[0])!;
const tagPath = `/tags/${slugify(reference.tags[0]!)}`;

/** Every `<meta property|name=…>` of the page, by key, in order. */
async function metaTags(page: Page): Promise<Map<string, string[]>> {
  const pairs = await page.locator("head meta[property], head meta[name]").evaluateAll((nodes) =>
    nodes.map((node) => [node.getAttribute("property") ?? node.getAttribute("name") ?? "", node.getAttribute("content") ?? ""]),
  );
  const tags = new Map<string, string[]>();
  for (const [key, value] of pairs) tags.set(key!, [...(tags.get(key!) ?? []), value!]);
  return tags;
}

async function expectImage(request: APIRequestContext, url: string, type: "png" | "jpeg", size: { width: number; height: number }) {
  const response = await request.get(url, { maxRedirects: 0 });
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"]).toBe(`image/${type}`);
  const metadata = await sharp(await response.body()).metadata();
  expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: type, ...size });
}

const pages = [
  { name: "home", path: "/", type: "website" },
  { name: "section", path: `/${topSections[0]!.slug}`, type: "website" },
  { name: "article", path: storyPath(reference), type: "article" },
  { name: "tag", path: tagPath, type: "website" },
  { name: "author", path: `/authors/${author.slug}`, type: "profile" },
  { name: "live", path: "/live", type: "website" },
  { name: "audio only", path: "/live/audio", type: "website" },
] as const;

for (const { name, path, type } of pages) {
  test(`the ${name} page has complete OpenGraph and Twitter tags and a 1200×630 share image`, async ({ page, request, baseURL }) => {
    await page.goto(path);
    const meta = await metaTags(page);
    const one = (key: string) => {
      expect(meta.get(key), key).toHaveLength(1);
      return meta.get(key)![0]!;
    };
    expect(one("og:type")).toBe(type);
    expect(new URL(one("og:url")).href).toBe(new URL(path, baseURL).href);
    expect(one("og:url")).toBe(await page.locator('link[rel="canonical"]').getAttribute("href"));
    expect(one("og:site_name")).toBe("The Meridian");
    expect(one("og:title")).not.toBe("");
    expect(one("og:description")).not.toBe("");
    expect(one("twitter:card")).toBe("summary_large_image");
    expect(one("twitter:title")).toBe(one("og:title"));
    const image = one("og:image");
    expect(image.startsWith(`${baseURL}/media/share/`)).toBe(true);
    expect([one("og:image:width"), one("og:image:height")]).toEqual(["1200", "630"]);
    expect(one("og:image:alt")).not.toBe("");
    expect(one("twitter:image")).toBe(image);
    await expectImage(request, image, "png", { width: 1200, height: 630 });
  });
}

test("an article's OpenGraph tags name its times, section, tags and authors' pages", async ({ page, request }) => {
  await page.goto(storyPath(reference));
  const meta = await metaTags(page);
  expect(meta.get("og:title")).toEqual([reference.headline]);
  expect(new Date(meta.get("article:published_time")![0]!).getTime()).not.toBeNaN();
  expect(new Date(meta.get("article:modified_time")![0]!).getTime()).not.toBeNaN();
  expect(meta.get("article:section")).toEqual(["U.S."]);
  expect(meta.get("article:tag")).toEqual([...reference.tags, TOPICS.archiveTag.name]);
  const authors = meta.get("article:author")!;
  expect(authors).toHaveLength(reference.authors.length);
  for (const url of authors) expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(200);
});

test("an article's NewsArticle offers its photo in 16:9, 4:3 and 1:1, each of the size it states", async ({ page, request }) => {
  await page.goto(storyPath(reference));
  const article = ofType(await jsonLd(page), "NewsArticle")!;
  const images = article.image as { url: string; width: number; height: number; creditText: string }[];
  expect(images.map((image) => Math.round((image.width / image.height) * 100) / 100)).toEqual([1.78, 1.33, 1]);
  for (const image of images) {
    expect(image.creditText).toBe(reference.hero.credit);
    expect(image.width * image.height).toBeGreaterThanOrEqual(50_000);
    await expectImage(request, image.url, "jpeg", { width: image.width, height: image.height });
  }
});

test("share images and crops of pages or photos that do not exist answer 404", async ({ request }) => {
  for (const path of [
    "/media/share/stories/999999999.png",
    "/media/share/tags/no-such-topic.png",
    "/media/share/authors/no-such-person.png",
    "/media/share/sections/999999.png",
    "/media/share/nothing/home.png",
    "/media/crop/16x9/2026/01/00000000000000000000000000000000.jpg",
    "/media/crop/2x1/2026/01/00000000000000000000000000000000.jpg",
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
