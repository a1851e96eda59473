import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { reference, storyPath, topSections } from "./demo";
import { jsonLd, ofType } from "./fixtures/pages";

// The JSON-LD of the home page, a section and an article, read as a search engine reads it, and
// the addresses it names fetched: the publisher logo is a PNG of the stated size, bylines lead to
// author pages. Read-only.

/** A PNG's size from its IHDR chunk (bytes 16–23). */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

async function expectLogo(request: APIRequestContext, logo: { url: string; width: number; height: number }) {
  const response = await request.get(logo.url, { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["cache-control"]).toMatch(/max-age=\d{5,}/);
  expect(pngSize(await response.body())).toEqual({ width: logo.width, height: logo.height });
}

test("an article's NewsArticle names a publisher logo, author pages and the photo credit", async ({ page, request }) => {
  await page.goto(storyPath(reference));
  const article = ofType(await jsonLd(page), "NewsArticle") as {
    headline: string;
    publisher: { name: string; logo: { "@type": string; url: string; width: number; height: number } };
    author: { "@type": string; name: string; url: string }[];
    image: { "@type": string; creditText: string; caption: string }[];
  };
  expect(article.headline).toBe(reference.headline);
  expect(article.publisher.logo["@type"]).toBe("ImageObject");
  await expectLogo(request, article.publisher.logo);
  expect(article.author.length).toBe(reference.authors.length);
  for (const author of article.author) {
    expect(author["@type"]).toBe("Person");
    expect((await request.get(author.url, { maxRedirects: 0 })).status()).toBe(200);
  }
  expect(article.image).toHaveLength(3);
  for (const image of article.image) expect(image).toMatchObject({ "@type": "ImageObject", creditText: reference.hero.credit });
});

test("the home page names the WebSite and the Organization with its logo", async ({ page, request }) => {
  await page.goto("/");
  const data = await jsonLd(page);
  expect(ofType(data, "WebSite")).toMatchObject({ name: "The Meridian" });
  const organization = ofType(data, "NewsMediaOrganization") as { name: string; logo: { url: string; width: number; height: number } };
  expect(organization.name).toBe("The Meridian");
  await expectLogo(request, organization.logo);
  expect(new URL(organization.logo.url).pathname).toBe("/logo.png");
});

test("a section page carries its BreadcrumbList", async ({ page }) => {
  const section = topSections[0]!;
  await page.goto(`/${section.slug}`);
  const breadcrumbs = ofType(await jsonLd(page), "BreadcrumbList") as { itemListElement: { name: string; position: number }[] };
  expect(breadcrumbs.itemListElement.at(-1)).toMatchObject({ name: section.name, position: breadcrumbs.itemListElement.length });
});
