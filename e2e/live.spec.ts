import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";

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
  await page.getByRole("button", { name: "Play Meridian Radio" }).click();
  // The label says what the button does; no aria-pressed on top of it.
  const pause = page.getByRole("button", { name: "Pause Meridian Radio" });
  await expect(pause).toBeVisible();
  await expect(pause).not.toHaveAttribute("aria-pressed");
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(1);
  await expect(page.getByText(/^Playing:/)).toBeVisible();

  const link = await request.get("/api/live/audio", { maxRedirects: 0 });
  expect(link.status()).toBe(307);
  expect(link.headers()["location"]).toMatch(/\/live\/demo\/audio\/index\.m3u8$/);
  const playlist = await request.get(link.headers()["location"]!);
  expect(playlist.headers()["content-type"]).toBe("application/vnd.apple.mpegurl");
});

const audioState = (page: Page) =>
  page.locator("audio").evaluate((element: HTMLAudioElement) => ({ paused: element.paused, currentTime: element.currentTime, volume: element.volume }));

test("the mini player keeps the live audio playing across client navigation", async ({ page }) => {
  await page.goto("/live/audio");
  await page.getByRole("button", { name: "Play Meridian Radio" }).click();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(1);
  const player = page.getByRole("region", { name: "Audio player" });
  // Audio Only has the full player, not the mini one.
  await expect(player).toHaveCount(0);

  // A header link: client navigation keeps the page (and this marker) alive.
  await page.evaluate(() => ((window as unknown as { meridianMarker: number }).meridianMarker = 1));
  const section = page.getByRole("navigation", { name: "Sections" }).getByRole("link").first();
  const href = (await section.getAttribute("href"))!;
  await section.click();
  await expect(page).toHaveURL((url) => url.pathname === href);
  expect(await page.evaluate(() => (window as unknown as { meridianMarker?: number }).meridianMarker)).toBe(1);

  await expect(player).toBeVisible();
  await expect(player).toContainText("Meridian Radio");
  const afterNavigation = await audioState(page);
  expect(afterNavigation.paused).toBe(false);
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 10_000 }).toBeGreaterThan(afterNavigation.currentTime);

  // The page keeps room for the bar: at the very bottom the footer ends above it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const footer = await page.getByRole("contentinfo").boundingBox();
  const bar = await player.boundingBox();
  expect(footer!.y + footer!.height).toBeLessThanOrEqual(bar!.y + 1);

  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxeViolations(page);

  await player.getByRole("button", { name: "Pause Meridian Radio" }).click();
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);
  await expect(player.getByText("Paused", { exact: true })).toBeAttached();
  // Playing again resumes the stream (hls.js stops loading segments while paused).
  const paused = await audioState(page);
  await player.getByRole("button", { name: "Play Meridian Radio" }).click();
  await expect(player.getByText("Playing", { exact: true })).toBeAttached();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 10_000 }).toBeGreaterThan(paused.currentTime);

  await player.getByRole("button", { name: "Close the audio player" }).click();
  await expect(player).toHaveCount(0);
  // The button went with the bar: focus is on the page, not lost.
  await expect(page.locator("#main")).toBeFocused();
  expect((await audioState(page)).paused).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.body).paddingBottom)).toBe("0px");
});

test("Audio Only works from the keyboard", async ({ page }) => {
  // Low bandwidth: not even the playlist loads before the reader presses Play.
  const streamRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/live/demo/audio/")) streamRequests.push(request.url());
  });
  await page.goto("/live/audio");
  expect((await audioState(page)).paused).toBe(true);
  const toggle = page.getByRole("button", { name: "Play Meridian Radio" });
  for (let tab = 0; tab < 60 && !(await toggle.evaluate((element) => element === document.activeElement)); tab++) {
    await page.keyboard.press("Tab");
  }
  await expect(toggle).toBeFocused();
  expect(streamRequests).toEqual([]);
  await page.keyboard.press("Enter");
  const pause = page.getByRole("button", { name: "Pause Meridian Radio" });
  await expect(pause).toBeFocused();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
  await expect(page.getByText(/^Playing:/)).toBeVisible();

  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Play Meridian Radio" })).toBeFocused();
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);

  await page.keyboard.press("Tab");
  await expect(page.getByRole("slider", { name: "Volume" })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await audioState(page)).volume).toBeLessThan(1);
  await expect(page.getByRole("slider", { name: "Volume" })).toHaveAttribute("aria-valuetext", "95%");
});

test("one sound at a time: the live video pauses the live audio", async ({ page }) => {
  await page.goto("/live/audio");
  await page.getByRole("button", { name: "Play Meridian Radio" }).click();
  await expect.poll(async () => (await audioState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
  await page.getByRole("banner").getByRole("link", { name: /^Live/ }).click();
  const player = page.getByRole("region", { name: "Audio player" });
  await expect(player).toBeVisible();
  await page.getByLabel(/live video/).evaluate((element: HTMLVideoElement) => element.play());
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);
  await expect(player.getByRole("button", { name: "Play Meridian Radio" })).toBeVisible();
});
