import { expect, test } from "./fixtures/test";
import { seedAuthors } from "@/lib/demo/content/authors";
import { slugify } from "@/lib/format/slug";
import { newestFirst, reference, stories, storyPath } from "./demo";
import { jsonLd, ofType, walkOlderPages } from "./fixtures/pages";
import { TOPICS } from "./fixtures/topics";

// Tag and author pages, reached the way a reader reaches them: from an article's Topics line and
// byline. Read-only: the extra tag and the draft-only author come from e2e/fixtures/topics.ts.

const tagName = reference.tags[0]!;
const author = seedAuthors.find((a) => a.slug === reference.authors[0])!;


test("article → a tag: the tag page lists its stories, newest first, with breadcrumb data", async ({ page, baseURL }) => {
  await page.goto(storyPath(reference));
  await page.locator(".topics").getByRole("link", { name: tagName, exact: true }).click();
  const path = `/tags/${slugify(tagName)}`;
  await expect(page).toHaveURL(`${baseURL}${path}`);
  await expect(page.locator("h1")).toHaveText(tagName);
  await expect(page).toHaveTitle(new RegExp(`^${tagName}`));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}${path}`);
  const expected = newestFirst(stories.filter((s) => s.tags.includes(tagName)));
  await expect(page.locator(".section-stories h2")).toHaveText(expected.map((s) => s.headline));

  const breadcrumbs = ofType(await jsonLd(page), "BreadcrumbList") as { itemListElement: { position: number; name: string; item: string }[] };
  expect(breadcrumbs.itemListElement).toEqual([
    { "@type": "ListItem", position: 1, name: "Home", item: `${baseURL}/` },
    { "@type": "ListItem", position: 2, name: tagName, item: `${baseURL}${path}` },
  ]);
});

test("article → byline: the author page has the bio, links, ProfilePage data and their stories", async ({ page, baseURL }) => {
  await page.goto(storyPath(reference));
  await page.locator(".byline").getByRole("link", { name: author.name }).click();
  const path = `/authors/${author.slug}`;
  await expect(page).toHaveURL(`${baseURL}${path}`);
  await expect(page.locator("h1")).toHaveText(author.name);
  await expect(page.locator(".author-title")).toHaveText(author.title);
  await expect(page.locator(".author-bio")).toHaveText(author.bio);
  const links = page.getByRole("list", { name: `${author.name} elsewhere` }).getByRole("link");
  await expect(links).toHaveText(author.links.map((link) => link.label));
  for (const [index, link] of author.links.entries()) await expect(links.nth(index)).toHaveAttribute("href", link.url);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}${path}`);
  // Their demo stories, newest first (a story a running spec publishes may come before them).
  const headlines = await page.locator(".section-stories h2").allTextContents();
  const theirs = newestFirst(stories.filter((s) => s.authors.includes(author.slug))).map((s) => s.headline);
  expect(headlines.filter((headline) => theirs.includes(headline))).toEqual(theirs);

  const data = await jsonLd(page);
  const profile = ofType(data, "ProfilePage") as { mainEntity: Record<string, unknown> };
  expect(profile.mainEntity).toMatchObject({
    "@type": "Person",
    name: author.name,
    url: `${baseURL}${path}`,
    description: author.bio,
    sameAs: author.links.map((link) => link.url),
  });
  expect(ofType(data, "BreadcrumbList")).toBeTruthy();
});

test("a tag page walks its stories by cursor with the Older link, without repeats", async ({ page }) => {
  const path = `/tags/${TOPICS.archiveTag.slug}`;
  const expected = newestFirst(stories).map((s) => s.headline);
  expect(expected.length).toBeGreaterThan(10);
  const seen = await walkOlderPages(page, path);
  expect(seen).toEqual(expected);
});

test("unknown tags and authors, and those with nothing published, answer 404", async ({ request }) => {
  for (const path of [
    "/tags/no-such-tag",
    `/tags/${TOPICS.draftTag.slug}`,
    "/tags/Not-A-Slug",
    `/tags/${TOPICS.archiveTag.slug}?before=999999`,
    `/tags/${TOPICS.archiveTag.slug}/more`,
    "/authors/no-such-author",
    `/authors/${TOPICS.draftAuthor.slug}`,
    `/authors/${author.slug}?before=999999`,
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  expect((await request.get(`/authors/${author.slug}`)).status()).toBe(200);
});
