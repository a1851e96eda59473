import { expect, test } from "@playwright/test";

// No link on any page leads to a 404: follow every internal link from the front page, breadth
// first, across the whole demo edition.
test("every internal link answers 200", async ({ request }) => {
  test.setTimeout(180_000);
  const queue = ["/"];
  const seen = new Set(queue);
  const broken: string[] = [];
  while (queue.length > 0 && seen.size < 400) {
    const path = queue.shift()!;
    const response = await request.get(path);
    if (response.status() !== 200) {
      broken.push(`${path} → ${response.status()}`);
      continue;
    }
    if (!response.headers()["content-type"]?.includes("text/html")) continue;
    const html = await response.text();
    for (const [, href] of html.matchAll(/<a\b[^>]*\shref="([^"#]+)/g)) {
      const url = new URL(href!.replace(/&amp;/g, "&"), "http://site.invalid");
      if (url.host !== "site.invalid" && !href!.startsWith("http://127.0.0.1")) continue;
      const local = url.pathname + url.search;
      if (!seen.has(local)) {
        seen.add(local);
        queue.push(local);
      }
    }
  }
  expect(broken).toEqual([]);
  // The crawl reached the whole edition: 28 articles, 12 sections, the older pages, Live and Audio.
  expect(seen.size).toBeGreaterThan(40);
});
