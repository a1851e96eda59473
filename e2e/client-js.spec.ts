import { expect, test } from "./fixtures/test";
import { reference, storyPath } from "./demo";
import { classifyClientJs } from "./fixtures/client-js";

// Issue 12: an article ships at most 15 KB (gzip) of our own client code beyond the framework's:
// the comment form, share and copy-link; the live audio's mini player and hls.js only once audio
// plays. Bytes, not time: the time is Lighthouse's (npm run bench:lighthouse).
const OWN_JS_BUDGET = 15 * 1024;

test("an article loads at most 15 KB gzip of our own JavaScript", async ({ page }) => {
  const chunks: string[] = [];
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith("/_next/static/chunks/") && pathname.endsWith(".js")) chunks.push(pathname);
  });
  await page.goto(storyPath(reference), { waitUntil: "networkidle" });
  const js = classifyClientJs("(site)/[[...path]]", chunks);
  const detail = js.ourModules.map((module) => `${module.id}: ${module.bytes} B ${module.start}`).join("\n");
  expect(js.ourEntriesLoaded, "our client components are among the loaded chunks").toBeGreaterThan(0);
  expect(js.oursGzip, `our modules (of ${js.totalGzip} B gzip loaded):\n${detail}`).toBeLessThanOrEqual(OWN_JS_BUDGET);
});

test("an article fetches no other page while it loads (links do not prefetch)", async ({ page }) => {
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).searchParams.has("_rsc") || request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  await page.goto(storyPath(reference), { waitUntil: "networkidle" });
  expect(prefetches).toEqual([]);
  // Navigation stays a client navigation (the document, and so the live audio, stays).
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "News" }).click();
  await expect(page).toHaveURL(/\/news$/);
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
});
