import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { EDITOR, signIn } from "./fixtures/sign-in";

// The live desk (/editor/live) in Chromium: an editor's refused input comes back next to the
// field; a show is added and deleted, repeated weekly and edited; taking Audio Only off air
// reaches readers within seconds, pages already open included, and putting it back on air brings
// the player back.

// Several tests change the audio stream itself (status, address): in order, one at a time.
test.describe.configure({ mode: "default" });

/** The e2e server runs on UTC: a datetime-local value for an instant. */
const local = (date: Date) => date.toISOString().slice(0, 16);
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const audioDesk = (page: Page) => page.getByRole("region", { name: /^Audio:/ });
/** Opens one of the audio desk's folded forms: "Stream settings…" or "Add a show". */
const openAudio = (page: Page, summary: RegExp) => audioDesk(page).locator("summary").filter({ hasText: summary }).click();
const SETTINGS = /^Stream settings/;
const ADD = /^Add a show$/;
/** Puts the audio stream back as it was, through the admin API (quicker than the desk's form). */
async function restoreAudio(page: Page, data: { status?: string; url?: string }) {
  const origin = new URL(page.url()).origin;
  const { streams } = await (await page.request.get("/api/admin/live")).json();
  const audio = streams.find((stream: { slug: string }) => stream.slug === "audio");
  expect((await page.request.patch(`/api/admin/live/streams/${audio.id}`, { headers: { Origin: origin }, data })).status()).toBe(200);
}
/** A page that is shown again (tab switched back) asks for the streams' status at once. */
const showAgain = (page: Page) => page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));

test("refused stream and show input comes back next to its field, with what was typed", async ({ page }) => {
  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Live" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Live" })).toBeVisible();
  const desk = audioDesk(page);
  // The forms are folded away until opened.
  await expect(field(page, "Audio stream address")).toBeHidden();
  await openAudio(page, SETTINGS);
  await openAudio(page, ADD);

  await field(page, "Audio stream address").fill("http://radio.example/stream.mp3");
  await desk.getByRole("button", { name: "Save the audio stream" }).click();
  await expect(desk.getByText("Use an https:// address or a path on this site")).toBeVisible();
  await expect(field(page, "Audio stream address")).toHaveAttribute("aria-invalid", "true");
  await expect(field(page, "Audio stream address")).toHaveValue("http://radio.example/stream.mp3");

  await field(page, "Audio show title").fill("Backwards Hour");
  await field(page, "Audio show starts").fill("2031-03-02T10:00");
  await field(page, "Audio show ends").fill("2031-03-02T09:00");
  await desk.getByRole("button", { name: "Add to the audio programme" }).click();
  await expect(desk.getByText("The show must end after it starts")).toBeVisible();
  await expect(field(page, "Audio show ends")).toHaveAttribute("aria-invalid", "true");
  await expect(field(page, "Audio show title")).toHaveValue("Backwards Hour");

  // The demo programme has a show on now: a show starting in five minutes overlaps it.
  const soon = new Date(Date.now() + 5 * 60_000);
  await field(page, "Audio show title").fill("Clashing Hour");
  await field(page, "Audio show starts").fill(local(soon));
  await field(page, "Audio show ends").fill(local(new Date(soon.getTime() + 30 * 60_000)));
  await desk.getByRole("button", { name: "Add to the audio programme" }).click();
  await expect(desk.getByText(/^This overlaps “.+”$/)).toBeVisible();

  await field(page, "Audio show title").fill("Desk Test Hour");
  await field(page, "Audio show description").fill("Added by the end-to-end test.");
  await field(page, "Audio show starts").fill("2031-03-02T10:00");
  await field(page, "Audio show ends").fill("2031-03-02T11:00");
  await desk.getByRole("button", { name: "Add to the audio programme" }).click();
  await expect(desk.getByText("“Desk Test Hour” added to the programme.")).toBeVisible();
  // After the demo's four weeks of programme: the desk shows the week asked for.
  await page.getByLabel("Programme from").fill("2031-03-01");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/\/editor\/live\?from=2031-03-01$/);
  const row = audioDesk(page).getByRole("row", { name: /Desk Test Hour/ });
  await expect(row).toContainText("2 March 2031, 10:00 UTC");

  await row.getByRole("button", { name: /^Delete Desk Test Hour at 2 March 2031/ }).click();
  await expect(audioDesk(page).getByText("“Desk Test Hour” taken off the programme.")).toBeVisible();
  await expect(audioDesk(page).getByRole("row", { name: /Desk Test Hour/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Previous week" }).click();
  await expect(page).toHaveURL(/\?from=2031-02-22$/);
});

test("without JavaScript, a refused show comes back with its form open and the error beside the field", async ({ page, browser }) => {
  await signIn(page, EDITOR);
  const context = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
  const noScript = await context.newPage();
  try {
    await noScript.goto("/editor/live");
    await expect(field(noScript, "Audio show title")).toBeHidden();
    await openAudio(noScript, ADD);
    await field(noScript, "Audio show title").fill("Backwards Without Script");
    await field(noScript, "Audio show starts").fill("2031-03-09T10:00");
    await field(noScript, "Audio show ends").fill("2031-03-09T09:00");
    await audioDesk(noScript).getByRole("button", { name: "Add to the audio programme" }).click();
    // A whole new page from the server: the form it holds is open, with the answer in view.
    await expect(audioDesk(noScript).getByText("The show must end after it starts")).toBeVisible();
    await expect(field(noScript, "Audio show ends")).toHaveAttribute("aria-invalid", "true");
    await expect(field(noScript, "Audio show title")).toHaveValue("Backwards Without Script");
    // The other form, not submitted, stays folded.
    await expect(field(noScript, "Audio stream address")).toBeHidden();
  } finally {
    await context.close();
  }
});

test("Audio Only off air reaches readers within seconds, open pages included, and back on air it plays again", async ({ page, browser, request }) => {
  await signIn(page, EDITOR);
  await page.goto("/editor/live");
  const desk = audioDesk(page);
  await openAudio(page, SETTINGS);
  const reader = await (await browser.newContext()).newPage();
  const readerAudio = () => reader.locator("audio").evaluate((element: HTMLAudioElement) => ({ paused: element.paused, currentTime: element.currentTime }));
  // A reader is listening, and reading the front page.
  await reader.goto("/live/audio");
  await reader.getByRole("button", { name: /^Play/ }).click();
  await expect.poll(async () => (await readerAudio()).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
  await reader.getByRole("banner").getByRole("link", { name: "The Meridian" }).click();
  const miniPlayer = reader.getByRole("region", { name: "Audio player" });
  await expect(miniPlayer).toBeVisible();
  const audioLink = reader.getByRole("banner").getByRole("link", { name: /^Audio Only/ });
  await expect(audioLink).toHaveText(/On air/);
  await reader.evaluate(() => Object.assign(window, { sameDocument: true }));
  try {
    await field(page, "Audio stream status").selectOption("off_air");
    await desk.getByRole("button", { name: "Save the audio stream" }).click();
    await expect(desk.getByText("Saved. Readers see it within seconds.")).toBeVisible();
    const changedAt = Date.now();

    // The page the reader has open learns it when shown again, without a reload: the header's
    // mark goes, and the mini player stops and says so.
    await expect
      .poll(
        async () => {
          await showAgain(reader);
          return audioLink.textContent();
        },
        { timeout: 15_000 },
      )
      .toBe("Audio Only");
    await expect(miniPlayer).toContainText("Off air");
    await expect(miniPlayer.getByRole("button", { name: /^(Play|Pause)/ })).toHaveCount(0);
    await expect.poll(async () => (await readerAudio()).paused).toBe(true);
    expect(await reader.evaluate(() => "sameDocument" in window)).toBe(true);
    test.info().annotations.push({ type: "off air visible after", description: `${Date.now() - changedAt} ms` });

    await miniPlayer.getByRole("link", { name: "Open Audio Only" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Audio Only" })).toBeVisible();
    await expect(reader.getByRole("status").filter({ hasText: "Off air" })).toBeVisible();
    await miniPlayer.getByRole("button", { name: "Close the audio player" }).click();
    await expect(miniPlayer).toHaveCount(0);

    await reader.goto("/live/audio");
    await expect(reader.getByRole("status").filter({ hasText: "Off air" })).toBeVisible();
    await expect(reader.getByText(/^Next:/)).toBeVisible();
    await expect(reader.getByRole("button", { name: /^Play/ })).toHaveCount(0);
    const link = await request.get("/api/live/audio", { maxRedirects: 0 });
    expect(link.status()).toBe(503);
    expect(Number(link.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await link.json()).toMatchObject({ reason: "off_air" });
    expect((await (await request.get("/api/live")).json()).streams).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: "audio", status: "off_air", url: null })]),
    );
  } finally {
    await restoreAudio(page, { status: "on_air" });
  }
  await reader.goto("/live/audio");
  await expect(reader.getByRole("button", { name: /^Play/ })).toBeVisible();
  expect((await request.get("/api/live/audio", { maxRedirects: 0 })).status()).toBe(307);
  await reader.context().close();
});

test("Live off air, set through the admin API, shows the off-air page with the next show", async ({ page }) => {
  await signIn(page, EDITOR);
  const origin = new URL(page.url()).origin;
  const { streams } = await (await page.request.get("/api/admin/live")).json();
  const video = streams.find((stream: { slug: string }) => stream.slug === "video");
  const setStatus = async (status: string) => {
    const response = await page.request.patch(`/api/admin/live/streams/${video.id}`, { headers: { Origin: origin }, data: { status } });
    expect(response.status()).toBe(200);
  };
  const reader = await (await page.context().browser()!.newContext()).newPage();
  await reader.goto("/live");
  await expect(reader.getByLabel(/live video/)).toBeVisible();
  try {
    await setStatus("off_air");
    // The Live page a reader has open turns into the off-air notice without a reload.
    await expect
      .poll(
        async () => {
          await showAgain(reader);
          return reader.getByRole("status").filter({ hasText: "Off air" }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect(reader.getByLabel(/live video/)).toHaveCount(0);
    await expect(reader.getByRole("banner").getByRole("link", { name: "Live", exact: true })).toBeVisible();

    // A reader who opened the page while it was off air gets the player back without a reload.
    await reader.reload();
    await expect(reader.getByRole("status").filter({ hasText: "Off air" })).toBeVisible();
    await reader.evaluate(() => Object.assign(window, { sameDocument: true }));
    await setStatus("on_air");
    await expect
      .poll(
        async () => {
          await showAgain(reader);
          return reader.getByLabel(/live video/).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect(reader.getByRole("status").filter({ hasText: "Off air" })).toHaveCount(0);
    expect(await reader.evaluate(() => "sameDocument" in window)).toBe(true);
    await reader.context().close();

    await setStatus("off_air");

    const response = await page.goto("/live");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Live" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Off air" })).toBeVisible();
    await expect(page.getByText(/^Next:/)).toContainText(video.next.title);
    await expect(page.getByLabel(/live video/)).toHaveCount(0);
    await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(0);
  } finally {
    await setStatus("on_air");
  }
  await page.goto("/live");
  await expect(page.getByLabel(/live video/)).toBeVisible();
});

test("Audio Only plays a plain MP3 address, as an Icecast server sends it, without hls.js", async ({ page, browser, request }) => {
  await signIn(page, EDITOR);
  await page.goto("/editor/live");
  await openAudio(page, SETTINGS);
  const address = field(page, "Audio stream address");
  const original = await address.inputValue();
  const reader = await (await browser.newContext()).newPage();
  try {
    await address.fill("/live/demo/radio.mp3");
    await audioDesk(page).getByRole("button", { name: "Save the audio stream" }).click();
    await expect(audioDesk(page).getByText("Saved. Readers see it within seconds.")).toBeVisible();

    const link = await request.get("/api/live/audio", { maxRedirects: 0 });
    expect(link.status()).toBe(307);
    expect(link.headers()["location"]).toMatch(/\/live\/demo\/radio\.mp3$/);
    expect((await request.get(link.headers()["location"]!)).headers()["content-type"]).toBe("audio/mpeg");

    await reader.goto("/live/audio");
    await reader.getByRole("button", { name: /^Play/ }).click();
    const audio = reader.locator("audio");
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(1);
    // The element plays the address itself (hls.js would have given it a blob: source).
    expect(await audio.evaluate((element: HTMLAudioElement) => element.currentSrc)).toMatch(/\/live\/demo\/radio\.mp3$/);
  } finally {
    await restoreAudio(page, { url: original });
    await reader.context().close();
  }
});

test("the video stream takes a poster from the media library, shown on the player and in its data", async ({ page }) => {
  await signIn(page, EDITOR);
  await page.goto("/editor/live");
  await page.getByRole("region", { name: /^Video:/ }).locator("summary").filter({ hasText: SETTINGS }).click();
  const poster = field(page, "Video stream poster");
  // The demo edition drew one: it is chosen.
  const chosen = await poster.inputValue();
  expect(chosen).not.toBe("");
  await page.goto("/live");
  const src = await page.getByLabel(/live video/).getAttribute("poster");
  expect(src).toMatch(/^\/media\/\d{4}\/\d{2}\/[a-f0-9]{32}(-w\d+)?\.(jpg|webp)$/);
  expect((await page.request.get(src!)).headers()["content-type"]).toMatch(/^image\//);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd.thumbnailUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\//);
});

test("a show repeats weekly as separate shows, clashing dates are named, and one is edited", async ({ page }) => {
  await signIn(page, EDITOR);
  await page.goto("/editor/live?from=2031-04-07");
  const desk = audioDesk(page);
  await openAudio(page, ADD);
  await field(page, "Audio show title").fill("Weekly Desk Test");
  await field(page, "Audio show starts").fill("2031-04-08T09:00");
  await field(page, "Audio show ends").fill("2031-04-08T10:00");
  await field(page, "Audio show repeats").selectOption("weekly");
  await field(page, "Audio shows in all").fill("3");
  await desk.getByRole("button", { name: "Add to the audio programme" }).click();
  await expect(desk.getByText("“Weekly Desk Test” added to the programme 3 times.")).toBeVisible();
  await expect(desk.getByRole("row", { name: /Weekly Desk Test/ })).toContainText("8 April 2031, 09:00 UTC – 10:00 UTC");

  // The same again clashes on every date, and says which.
  await field(page, "Audio show title").fill("Weekly Desk Test");
  await field(page, "Audio show starts").fill("2031-04-08T09:30");
  await field(page, "Audio show ends").fill("2031-04-08T10:30");
  await field(page, "Audio show repeats").selectOption("weekly");
  await field(page, "Audio shows in all").fill("3");
  await desk.getByRole("button", { name: "Add to the audio programme" }).click();
  await expect(desk.getByText("These dates clash with the programme: 8 April 2031 (“Weekly Desk Test”), 15 April 2031 (“Weekly Desk Test”), 22 April 2031 (“Weekly Desk Test”)")).toBeVisible();

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByRole("link", { name: "Next week" }).click();
  await audioDesk(page).getByRole("row", { name: /Weekly Desk Test/ }).getByRole("link", { name: /^Edit Weekly Desk Test at 15 April 2031/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit “Weekly Desk Test”" })).toBeVisible();
  await field(page, "Audio show title").fill("");
  await page.getByRole("button", { name: "Save the show" }).click();
  await expect(page.getByText("Name the show")).toBeVisible();
  await field(page, "Audio show title").fill("Weekly Desk Special");
  await field(page, "Audio show starts").fill("2031-04-15T09:30");
  await field(page, "Audio show ends").fill("2031-04-15T11:00");
  await page.getByRole("button", { name: "Save the show" }).click();
  await expect(page.getByText("“Weekly Desk Special” saved.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("link", { name: "← The live desk" }).click();
  await expect(audioDesk(page).getByRole("row", { name: /Weekly Desk Special/ })).toContainText("15 April 2031, 09:30 UTC – 11:00 UTC");
  await expect(audioDesk(page).getByRole("row", { name: /Weekly Desk Test/ })).toHaveCount(0);
});
