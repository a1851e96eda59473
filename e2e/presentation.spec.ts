import { expect, test } from "./fixtures/test";
import { reference, storyPath } from "./demo";

test("the hero image comes in modern formats at responsive sizes", async ({ page, request }) => {
  await page.goto(storyPath(reference));
  const srcset = (await page.locator("figure.hero img").getAttribute("srcset"))!;
  const candidates = srcset.split(", ").map((entry) => entry.split(" ")[0]!);
  expect(candidates.length).toBeGreaterThanOrEqual(4);
  for (const [accept, type] of [
    ["image/avif,image/webp,*/*", "image/avif"],
    ["image/webp,*/*", "image/webp"],
  ] as const) {
    const response = await request.get(candidates[1]!, { headers: { accept } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(type);
  }
  // The hero is preloaded so it is the first image the browser fetches.
  await expect(page.locator('link[rel="preload"][as="image"]')).toHaveCount(1);
});

test("no page downloads a font file: nothing competes with the hero image", async ({ page }) => {
  // The text is set in the platform's own faces (app/globals.css).
  const fonts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "font") fonts.push(request.url());
  });
  for (const path of ["/", "/news", storyPath(reference)]) await page.goto(path, { waitUntil: "load" });
  expect(fonts).toEqual([]);
});

test("uploaded files are served with their type and nosniff; unknown ones are 404", async ({ page, request }) => {
  await page.goto(storyPath(reference));
  const srcset = (await page.locator("figure.hero img").getAttribute("srcset"))!;
  const mediaPath = decodeURIComponent(/url=([^&]+)/.exec(srcset)![1]!);
  const response = await request.get(mediaPath);
  expect(response.headers()["content-type"]).toBe("image/jpeg");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await request.get("/media/2026/11/../../../etc/passwd")).status()).toBe(404);
  expect((await request.get("/media/2026/11/00000000000000000000000000000000.jpg")).status()).toBe(404);
});

for (const width of [320, 768, 1440]) {
  test(`no horizontal scrolling at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/", "/news", storyPath(reference)]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
}

test("the article body keeps a readable measure on wide screens", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(storyPath(reference));
  const charactersPerLine = await page.locator(".story-body p").first().evaluate((p) => {
    const style = getComputedStyle(p);
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.font = `${style.fontSize} ${style.fontFamily}`;
    const average = canvas.measureText("abcdefghijklmnopqrstuvwxyz").width / 26;
    return p.getBoundingClientRect().width / average;
  });
  expect(charactersPerLine).toBeGreaterThan(55);
  expect(charactersPerLine).toBeLessThan(85);
});

test("dark mode follows the system setting", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).toBe("rgb(19, 19, 18)");
  expect(light).toBe("rgb(251, 250, 247)");
});

test("printing an article leaves out navigation, sharing and comments", async ({ page }) => {
  await page.goto(storyPath(reference));
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("h1")).toBeVisible();
  await expect(page.locator(".story-body")).toBeVisible();
  for (const selector of [".section-nav", ".share", ".comments", ".site-footer"]) {
    await expect(page.locator(selector)).toBeHidden();
  }
});
