import { expect, test } from "@playwright/test";

// The demo streams the app serves itself play in Chromium: currentTime advances.

test("the Live page plays the video stream, with now, next, the schedule and broadcast data", async ({ page }) => {
  const response = await page.goto("/live");
  expect(response?.status()).toBe(200);
  // The header says the streams are on air, on every page.
  await expect(page.getByRole("banner").getByRole("link", { name: "Live On air" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Audio Only On air" })).toBeVisible();
  await expect(page).toHaveTitle("Live | The Meridian");
  await expect(page.getByText("On now:")).toBeVisible();
  await expect(page.getByText("Next:")).toBeVisible();
  await expect(page.getByRole("region", { name: "Schedule" }).getByRole("listitem").first()).toBeVisible();
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({ "@type": "VideoObject", publication: { "@type": "BroadcastEvent", isLiveBroadcast: true } });

  const video = page.getByLabel(/live video/);
  await expect(video).toBeVisible();
  // Nothing plays by itself.
  expect(await video.evaluate((element: HTMLVideoElement) => element.paused)).toBe(true);
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(1);
});

test("Audio Only plays from its own button, and the stream link redirects to it", async ({ page, request }) => {
  await page.goto("/live/audio");
  const audio = page.locator("audio");
  expect(await audio.evaluate((element: HTMLAudioElement) => element.paused)).toBe(true);
  const toggle = page.getByRole("button", { name: /^Play/ });
  await toggle.click();
  await expect(page.getByRole("button", { name: /^Pause/ })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(1);
  await expect(page.getByText(/^Playing:/)).toBeVisible();

  const link = await request.get("/api/live/audio", { maxRedirects: 0 });
  expect(link.status()).toBe(307);
  expect(link.headers()["location"]).toMatch(/\/live\/demo\/audio\/index\.m3u8$/);
  const playlist = await request.get(link.headers()["location"]!);
  expect(playlist.headers()["content-type"]).toBe("application/vnd.apple.mpegurl");
});
