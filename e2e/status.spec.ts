import { expect, test } from "./fixtures/test";
import { slugify } from "@/lib/format/slug";
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

test.describe("what a CDN may keep", () => {
  // Every public answer says how long a shared cache may keep it (and serve it stale while it
  // refreshes); files that never change say so with immutable. Nothing per reader is shared.
  const shared = [
    "/",
    "/news",
    "/news/us",
    storyPath(reference),
    "/news?before=999999999",
    `/tags/${slugify(reference.tags[0]!)}`,
    `/authors/${reference.authors[0]}`,
    "/live",
    "/live/audio",
    "/news/us/no-such-story",
    WITHDRAWN.path,
    "/feed.xml",
    "/news/feed.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/logo.png",
    "/media/share/site/home.png",
  ];
  for (const path of shared) {
    test(`${path} may be kept by a CDN, briefly`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const cacheControl = response.headers()["cache-control"] ?? "";
      expect(cacheControl, `${path} (${response.status()})`).toMatch(/\bpublic\b/);
      expect(cacheControl).toMatch(/\bs-maxage=\d+/);
      expect(cacheControl).toMatch(/\bstale-while-revalidate=\d+/);
      // Corrections and withdrawn stories reach readers behind a CDN within minutes, not hours.
      expect(Number(/s-maxage=(\d+)/.exec(cacheControl)![1]) + Number(/stale-while-revalidate=(\d+)/.exec(cacheControl)![1])).toBeLessThanOrEqual(
        path.endsWith(".png") ? 7 * 86400 + 86400 : 600,
      );
    });
  }

  for (const path of ["/editor/sign-in", "/preview/not-a-real-token", "/api/admin/stories"]) {
    test(`${path} is never kept by a shared cache`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.headers()["cache-control"] ?? "", path).toMatch(/\b(private|no-store)\b/);
      expect(response.headers()["cache-control"] ?? "").not.toMatch(/\bpublic\b|s-maxage/);
    });
  }
});

// Next.js renders a page that calls notFound() as an empty HTML shell; the server sends the real
// not-found page instead (lib/routing/not-found-page.ts). These read the HTML as sent, as a reader
// without JavaScript, a crawler or a link checker gets it.
test.describe("404 pages in the server's HTML", () => {
  const unknown = {
    story: "/news/us/no-such-story",
    section: "/news/nowhere",
    tag: "/tags/no-such-tag",
    author: "/authors/no-such-author",
  };

  for (const [kind, path] of Object.entries(unknown)) {
    test(`an unknown ${kind} (${path}) is the full not-found page before any script runs`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(404);
      expect(response.headers()["content-type"]).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<html lang="en"');
      expect(html).toMatch(/<title>Page not found \| The Meridian<\/title>/);
      expect(html).toMatch(/<meta name="robots" content="noindex[^"]*"/);
      expect(html).toContain('<header class="masthead">');
      expect(html).toContain('<nav aria-label="Sections"');
      expect(html).toContain("<h1>Page not found</h1>");
      expect(html).toContain("We could not find a page at this address.");
      expect(html).toMatch(/<a href="\/"[^>]*>Go to the front page<\/a>/);
    });
  }

  test.describe("with JavaScript off", () => {
    test.use({ javaScriptEnabled: false });

    test("the not-found page reads, with the site's navigation", async ({ page }) => {
      const response = await page.goto(unknown.story);
      expect(response?.status()).toBe(404);
      await expect(page.locator("h1")).toHaveText("Page not found");
      await expect(page).toHaveTitle(/^Page not found/);
      await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
      await page.getByRole("link", { name: "Go to the front page" }).click();
      await expect(page).toHaveURL(/\/$/);
    });
  });

  test("HEAD of an unknown page is a 404 with the page's headers", async ({ request }) => {
    const response = await request.head(unknown.story);
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toMatch(/^text\/html/);
  });

  test("the not-found page has no address of its own", async ({ request }) => {
    const response = await request.get("/page-not-found");
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain("<h1>Page not found</h1>");
  });

  test("the JSON API's 404 stays JSON", async ({ request }) => {
    const response = await request.get("/api/no-such-thing");
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  });

  test("a client-side navigation to an unknown page still shows the not-found page", async ({ page }) => {
    await page.goto("/");
    const rsc = page.waitForResponse((response) => response.url().includes(`${unknown.story}?_rsc=`));
    // The router a link uses; no published page links to a missing one.
    await page.evaluate((path) => (window as unknown as { next: { router: { push(href: string): void } } }).next.router.push(path), unknown.story);
    // The router's request keeps Next's own answer (a 404 payload, on which Next loads the document).
    const payload = await rsc;
    expect(payload.status()).toBe(404);
    expect(payload.headers()["content-type"]).toMatch(/^text\/x-component/);
    await expect(page.locator("h1")).toHaveText("Page not found");
    await expect(page).toHaveURL(new RegExp(`${unknown.story}$`));
    await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
  });
});
