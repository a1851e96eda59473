import { expect, test } from "./fixtures/test";
import { seedAuthors } from "@/lib/demo/content/authors";
import { bySlug, printedDateTime, reference, storyPath } from "./demo";

test.describe("the reference article", () => {
  test.beforeEach(async ({ page }) => {
    const response = await page.goto(storyPath(reference));
    expect(response?.status()).toBe(200);
  });

  test("has every part of the reference page, top to bottom", async ({ page, baseURL }) => {
    const article = page.locator("article.article");

    // Site header with Live and Audio Only.
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: /^Live/ })).toHaveAttribute("href", "/live");
    await expect(header.getByRole("link", { name: "Audio Only" })).toHaveAttribute("href", "/live/audio");

    // Share links carry the canonical URL and the headline.
    const canonical = `${baseURL}${storyPath(reference)}`;
    const share = page.getByRole("navigation", { name: "Share this story" });
    for (const name of ["Facebook", "X", "WhatsApp", "Telegram", "Email"]) {
      const href = await share.getByRole("link", { name: new RegExp(`^${name}\\b`) }).getAttribute("href");
      expect(decodeURIComponent(href ?? "")).toContain(canonical);
    }
    const xHref = await share.getByRole("link", { name: /^X\b/ }).getAttribute("href");
    expect(new URL(xHref!).searchParams.get("text")).toBe(reference.headline);
    await expect(share.getByRole("link", { name: "Copy link" })).toHaveAttribute("href", canonical);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", canonical);

    // Breadcrumb News > U.S., each level a link.
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link");
    await expect(crumbs).toHaveText(["News", "U.S."]);
    await expect(crumbs.nth(0)).toHaveAttribute("href", "/news");
    await expect(crumbs.nth(1)).toHaveAttribute("href", "/news/us");

    // The only h1 is the headline; the deck follows it.
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.locator("h1")).toHaveText(reference.headline);
    await expect(article.locator(".deck")).toHaveText(reference.deck);

    // Hero figure: responsive image with alt text, caption and credit.
    const hero = article.locator("figure.hero");
    const heroImage = hero.getByRole("img", { name: reference.hero.alt });
    await expect(heroImage).toBeVisible();
    await expect(heroImage).toHaveAttribute("srcset", /\/_next\/image\?url=%2Fmedia%2F.+ 1600w/);
    await expect(heroImage).toHaveAttribute("width", "1600");
    await expect(heroImage).toHaveAttribute("height", "900");
    await expect(heroImage).toHaveAttribute("fetchpriority", "high");
    await expect(hero.locator("figcaption .caption")).toHaveText(reference.hero.caption);
    await expect(hero.locator("figcaption .credit")).toHaveText(reference.hero.credit);
    expect(reference.hero.credit).toMatch(/^Photo: X\/ @/);

    // Byline: each name links to the author's page.
    const byline = article.locator(".byline");
    await expect(byline).toContainText("By ");
    await expect(byline.getByRole("link")).toHaveText(reference.authors.map((slug) => seedAuthors.find((a) => a.slug === slug)!.name));
    await expect(byline.getByRole("link").first()).toHaveAttribute("href", `/authors/${reference.authors[0]}`);

    // "Published 27 November 2026, 09:30 UTC" (the site's clock) in a <time datetime>; no "Updated" on a story never changed.
    const dateline = article.locator(".dateline");
    await expect(dateline).toHaveText(`Published ${printedDateTime(reference.publishedAt)}`);
    await expect(dateline.locator("time")).toHaveAttribute("datetime", new Date(reference.publishedAt).toISOString());

    // Body paragraphs with the inline related-story link set apart between two paragraphs.
    const body = article.locator(".story-body");
    const paragraphs = reference.body.filter((block) => typeof block === "string");
    await expect(body.locator("> p")).toHaveCount(paragraphs.length);
    const related = reference.body.find((block) => typeof block === "object" && "related" in block) as {
      related: string;
    };
    const inline = body.locator("> aside.inline-related");
    await expect(inline.getByRole("link")).toHaveText(bySlug(related.related).headline);
    await expect(inline.getByRole("link")).toHaveAttribute("href", storyPath(bySlug(related.related)));
    const position = await inline.evaluate((node) => [...node.parentElement!.children].indexOf(node));
    const total = await body.locator("> *").count();
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(total - 1);

    // Related stories after the body: the editor's picks first, then others up to four in all.
    const relatedList = page.getByRole("region", { name: "Related stories" });
    const picks = reference.related.map((slug) => bySlug(slug).headline);
    const relatedHeadlines = await relatedList.getByRole("heading", { level: 3 }).allTextContents();
    expect(relatedHeadlines.slice(0, picks.length)).toEqual(picks);
    expect(relatedHeadlines.length).toBeLessThanOrEqual(4);
    expect(relatedHeadlines).not.toContain(reference.headline);
    expect(new Set(relatedHeadlines).size).toBe(relatedHeadlines.length);

    // Comments with the count and the empty state.
    const comments = page.getByRole("region", { name: /Comments/ });
    await expect(comments.getByRole("heading", { level: 2 })).toHaveText("Comments (0)");
    await expect(comments).toContainText("Post with no comments.");

    // The parts come in the reference order.
    const order = await page.evaluate(() => {
      const selectors = [".masthead", ".share", ".breadcrumb", "h1", ".deck", "figure.hero", ".byline", ".dateline", ".story-body", ".related", ".comments"];
      return selectors.map((selector) => {
        const node = document.querySelector(selector)!;
        return node ? node.getBoundingClientRect().top + window.scrollY : -1;
      });
    });
    expect(order.every((top) => top >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("has its own title, description, language and structured data", async ({ page }) => {
    await expect(page).toHaveTitle(`${reference.headline} | The Meridian`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", reference.deck);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "[]");
    expect(jsonLd[0]).toMatchObject({ "@type": "NewsArticle", headline: reference.headline });
    expect(jsonLd[1].itemListElement.map((item: { name: string }) => item.name)).toEqual(["News", "U.S."]);
  });

  test("copy link puts the canonical URL on the clipboard", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("link", { name: "Copy link" }).click();
    await expect(page.getByText("Link copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${storyPath(reference)}`);
  });
});

test("a story updated after publication says so", async ({ page }) => {
  const { stories } = await import("./demo");
  const updated = stories.find((story) => story.revisedAt)!;
  await page.goto(storyPath(updated));
  const dateline = page.locator(".dateline");
  await expect(dateline).toContainText(`Published ${printedDateTime(updated.publishedAt)}`);
  await expect(dateline).toContainText(`Updated ${printedDateTime(updated.revisedAt!)}`);
  await expect(dateline.locator("time").nth(1)).toHaveAttribute("datetime", new Date(updated.revisedAt!).toISOString());
});
