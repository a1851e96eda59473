import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import sharp from "sharp";
import { demoAccounts } from "@/lib/demo/demo-accounts";
import { CHROMIUM_FLAGS, systemChromium } from "@/scripts/lib/chromium";
import { reference } from "./demo";
import { startFreshInstall, type FreshInstall } from "./fixtures/fresh-install";
import { acceptInvitation, appCode, makeInvitation } from "./fixtures/people";
import { startTlsProxy, type TlsProxy } from "./fixtures/tls-proxy";

// A fresh public install, walked through as its first people would (issue 13): `npm start` with a
// public https SITE_URL on an empty data directory, behind a TLS proxy (TRUST_PROXY=1); the admin
// signs in and must set up two-factor sign-in (REQUIRE_2FA=1), makes a section, invites a writer
// and an editor by link; each chooses a password; the writer files a story with their own byline
// and an uploaded photo and submits it; the editor publishes it; a reader sees it. No demo data
// anywhere: no demo account signs in, and the pages, feeds and sitemaps list this story alone.
// Each step's time is an annotation ("timing") and its screen an attachment.

const HOST = "news.example.test";
const e2ePort = Number(process.env.E2E_PORT ?? 3100);
/** The app's own port, and the proxy's, beside the e2e server's. */
const APP_PORT = e2ePort + 1;
const PROXY_PORT = e2ePort + 2;
const ADMIN = { email: "chief@news.example.test", password: "a-long-chief-password" };

test.use({
  baseURL: `https://${HOST}`,
  ignoreHTTPSErrors: true,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
    // The public name leads to the proxy, whatever DNS says, as a real name would.
    args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${PROXY_PORT}`],
  },
});
test.describe.configure({ timeout: 240_000 });

/** The photo the writer uploads: a harbour at dusk, drawn for the test. */
const harbourPhoto = () =>
  sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
      <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#23395d"/><stop offset="1" stop-color="#e07a5f"/></linearGradient></defs>
      <rect width="1600" height="560" fill="url(#sky)"/><rect y="560" width="1600" height="340" fill="#1d3557"/>
      <circle cx="1180" cy="520" r="70" fill="#f2cc8f"/>
      <path d="M420 600 h360 l-50 70 h-260 z" fill="#f1faee"/><rect x="560" y="470" width="14" height="130" fill="#f1faee"/>
      <path d="M574 480 l120 110 h-120 z" fill="#f4a261"/></svg>`),
  )
    .jpeg()
    .toBuffer();

let install: FreshInstall | undefined;
let proxy: TlsProxy | undefined;

test.afterAll(async () => {
  await proxy?.close();
  await install?.stop();
});

const isPage = (value: unknown): value is Page => typeof (value as Page | undefined)?.screenshot === "function";

/**
 * Runs one step of the walk-through, records its time and a screenshot of the page it ends on:
 * the one it gives, or `screen`.
 */
async function step<T>(name: string, body: () => Promise<T>, screen?: Page): Promise<T> {
  return test.step(name, async () => {
    const started = Date.now();
    const result = await body();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    test.info().annotations.push({ type: "timing", description: `${name}: ${seconds} s` });
    console.log(`fresh install · ${name}: ${seconds} s`);
    const page = isPage(result) ? result : screen;
    if (page) {
      const file = test.info().outputPath(`${String(test.info().annotations.length).padStart(2, "0")}-${name.replace(/\W+/g, "-")}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await test.info().attach(name, { path: file, contentType: "image/png" });
    }
    return result;
  });
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a fresh public install: the admin invites a writer and an editor, the writer files a story with a photo, the editor publishes it, and no demo data is anywhere", async ({ browser }) => {
  const writer = { name: "Ines Duarte", email: "ines@news.example.test", password: "ines-chosen-password", role: "writer" as const };
  const editor = { name: "Tomas Reyes", email: "tomas@news.example.test", password: "tomas-chosen-password", role: "editor" as const };
  const headline = "The night ferry to Saltmarsh returns after nine years";

  await step("npm start on an empty data directory", async () => {
    install = await startFreshInstall({
      port: APP_PORT,
      env: { SITE_URL: `https://${HOST}`, TRUST_PROXY: "1", REQUIRE_2FA: "1", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    });
    proxy = await startTlsProxy({ host: HOST, port: PROXY_PORT, appPort: APP_PORT, dir: install.dir });
    test.info().annotations.push({ type: "timing", description: `npm start to its banner: ${(install.startedInMs / 1000).toFixed(1)} s` });
    expect(install.output()).toContain(`Public URL (SITE_URL): https://${HOST}`);
    expect(install.output()).toContain("Demo edition not seeded");
    expect(install.output()).not.toContain("Demo accounts");
  });

  const admin = await step("the admin signs in and must set up two-factor sign-in first", async () => {
    const page = await newPage(browser);
    await page.goto("/editor/sign-in");
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/editor\/two-factor$/);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await expect(page.getByTestId("two-factor-secret")).toHaveText(/^[A-Z2-7]{32}$/);
    // The long otpauth:// address wraps inside its panel.
    expect(await page.locator(".panel").evaluate((panel) => panel.scrollWidth <= panel.clientWidth)).toBe(true);
    return page;
  });

  await step("the admin turns two-factor sign-in on with a code from the app", async () => {
    const secret = (await admin.getByTestId("two-factor-secret").textContent())!;
    await admin.getByLabel("Code from your app").fill(appCode(secret));
    await admin.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(admin.getByText("On: sign-in asks for a code")).toBeVisible();
    // The session cookie is a Secure one: the browser is on https, through the proxy.
    const cookies = await admin.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "__Secure-next-auth.session-token")).toMatchObject({ secure: true, httpOnly: true });
  });

  await step("the admin makes the first section", async () => {
    await admin.goto("/editor/sections");
    await admin.getByLabel("Name of the new section").fill("Harbour");
    await admin.getByRole("button", { name: "Add section" }).click();
    await expect(admin.getByText("Harbour added.")).toBeVisible();
  }, admin);

  const links = await step("the admin invites a writer and an editor", async () => {
    const made = { writer: await makeInvitation(admin, writer), editor: await makeInvitation(admin, editor) };
    // The links are on the public address.
    expect(made.writer).toMatch(new RegExp(`^https://${HOST}/editor/invite/[\\w-]{22}$`));
    return made;
  });
  await step("People, with both invitations pending", async () => {
    await admin.reload();
    await expect(admin.getByRole("row", { name: new RegExp(`${editor.name} \\(`) })).toBeVisible();
    return admin;
  });

  const writerPage = await step("the writer accepts the invitation and chooses a password", () => acceptInvitation(browser, links.writer, writer.password));

  const storyUrl = await step("the writer files a story with a photo and submits it", async () => {
    const page = writerPage;
    await page.getByRole("link", { name: "New story" }).first().click();
    await expect(page.getByRole("textbox", { name: "Story body" })).toBeVisible();
    await page.getByLabel("Headline").fill(headline);
    await page.getByLabel("Deck").fill("The overnight crossing resumes on Friday with a refitted boat and a crew of six.");
    await page.getByText("Upload a new image").click();
    await page.getByLabel("Image file").setInputFiles({ name: "harbour-at-dusk.jpg", mimeType: "image/jpeg", buffer: await harbourPhoto() });
    await page.getByLabel("Alt text (required)", { exact: true }).fill("A white ferry leaving the harbour at dusk");
    await page.getByLabel("Credit", { exact: true }).fill("Photo: Ines Duarte");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByLabel("Hero alt text (required)")).toHaveValue("A white ferry leaving the harbour at dusk");
    await page.getByRole("textbox", { name: "Story body" }).click();
    await page.keyboard.type("The night ferry to Saltmarsh sails again on Friday at nine.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/\/editor\/stories\/\d+$/);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByRole("heading", { name: "Status: In review" })).toBeVisible();
    return page.url();
  }, writerPage);
  await step("the writer's story list: the story in review, under their own byline", async () => {
    await writerPage.goto("/editor");
    await expect(writerPage.getByRole("row", { name: new RegExp(headline) })).toContainText(writer.name);
    return writerPage;
  });

  const editorPage = await step("the editor accepts the invitation and chooses a password", () => acceptInvitation(browser, links.editor, editor.password));

  const publicPath = await step("the editor publishes the story", async () => {
    // The editor's first page lists it under Needs you, waiting for review.
    await editorPage.getByRole("region", { name: "Needs you" }).getByRole("link", { name: headline }).click();
    await expect(editorPage).toHaveURL(storyUrl);
    await expect(editorPage.getByRole("textbox", { name: "Story body" })).toBeVisible();
    await editorPage.getByRole("button", { name: "Publish now" }).click();
    await expect(editorPage.getByRole("heading", { name: "Status: Published" })).toBeVisible();
    return (await editorPage.getByRole("link", { name: "View the published story" }).getAttribute("href"))!;
  }, editorPage);
  expect(publicPath).toMatch(/^\/harbour\/the-night-ferry-to-saltmarsh-returns-after-nine-years$/);

  const reader = await newPage(browser);
  await step("a reader opens the story", async () => {
    const opened = await reader.goto(publicPath);
    expect(opened?.status()).toBe(200);
    // An https site: HSTS on its answers (lib/http/security-headers.ts).
    expect(opened?.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
    await expect(reader.locator(".byline").getByRole("link", { name: writer.name })).toHaveAttribute("href", "/authors/ines-duarte");
    const photo = reader.locator("figure.hero").getByRole("img", { name: "A white ferry leaving the harbour at dusk" });
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await expect(reader.locator('link[rel="canonical"]')).toHaveAttribute("href", `https://${HOST}${publicPath}`);
    return reader;
  });

  await step("the front page has this story and nothing from the demo edition", async () => {
    await reader.goto("/");
    await expect(reader.getByRole("link", { name: headline }).first()).toBeVisible();
    await expect(reader.getByText(reference.headline)).toHaveCount(0);
    // One story: the lead alone, no "Latest" column with nothing in it.
    await expect(reader.getByRole("heading", { name: "Latest" })).toHaveCount(0);
    // No note about demo content either: there is none.
    await expect(reader.locator(".footer-note")).toHaveText("© The Meridian.");
    return reader;
  });

  await step("feeds and sitemaps list this story alone; demo sections and authors are not there", async () => {
    const text = async (path: string) => {
      const response = await reader.goto(path);
      expect(response?.status(), path).toBe(200);
      return response!.text();
    };
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    const feed = JSON.parse(await text("/feed.json")) as { items: { url: string }[] };
    expect(feed.items.map((item) => item.url)).toEqual([`https://${HOST}${publicPath}`]);
    expect((await text("/feed.xml")).match(/<item>/g)).toHaveLength(1);
    expect(locs(await text("/sitemaps/stories-1.xml"))).toEqual([`https://${HOST}${publicPath}`]);
    expect(locs(await text("/sitemaps/sections.xml"))).toEqual([`https://${HOST}/`, `https://${HOST}/harbour`]);
    expect(locs(await text("/sitemaps/authors-1.xml"))).toEqual([`https://${HOST}/authors/ines-duarte`]);
    expect((await reader.goto(`/${reference.section}`))?.status()).toBe(404);
    expect((await reader.goto(`/authors/${reference.authors[0]}`))?.status()).toBe(404);
  });

  await step("the demo accounts cannot sign in", async () => {
    for (const account of demoAccounts) {
      await reader.goto("/editor/sign-in");
      await reader.getByLabel("E-mail").fill(account.email);
      await reader.getByLabel("Password").fill(account.password);
      await reader.getByRole("button", { name: "Sign in" }).click();
      await expect(reader.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");
    }
    return reader;
  });

  // Everything went through the proxy, as https for the public host.
  expect(proxy!.forwarded.length).toBeGreaterThan(20);
  expect(proxy!.forwarded.every((request) => request.proto === "https" && request.host === HOST)).toBe(true);
});
