import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS, systemChromium } from "./scripts/lib/chromium";

// End-to-end tests in Chromium against the production build, served from a fresh data directory
// (scripts/e2e-server.ts). Debian's Chromium is used where it exists: test tools cannot download
// browsers here. Elsewhere Playwright's own browser is used.

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${E2E_PORT}`;
/**
 * The specs that sign in and change the site. They run after the reading-site specs, which check
 * the front page and sections against the demo edition as seeded: a story any newsroom test
 * publishes would be the front page's lead. Each test owns its data (e2e/fixtures/stories.ts), so
 * within a project every test runs alone or in parallel with the rest.
 */
const newsroomSpecs =
  /(newsroom|newsroom-tools|newsroom-pagination|editor-writing|media-library|sign-in|permissions|comments|live-desk|api-tokens|boundary|share-refresh|section-moves|author-profiles|trash|people|front-page|review-notes|editor-conflicts|newsroom-accessibility|story-list|newsroom-charts|most-read)\.spec\.ts/;
/**
 * A second server of its own (`npm start` on a fresh data directory, behind a TLS proxy, on
 * E2E_PORT + 1 and + 2), so it runs beside the others and changes nothing they see.
 */
const freshInstallSpec = /fresh-install\.spec\.ts/;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
      args: [
        ...CHROMIUM_FLAGS,
        // Tests start media without a click where they mute it first; pages never autoplay.
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  projects: [
    // The reading site checks the demo edition as seeded…
    { name: "site", testIgnore: [newsroomSpecs, freshInstallSpec] },
    // …then the newsroom changes it.
    { name: "newsroom", testMatch: newsroomSpecs, dependencies: ["site"] },
    { name: "fresh-install", testMatch: freshInstallSpec },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/`,
    // The first run builds the application.
    timeout: 15 * 60_000,
    // scripts/e2e-each-alone.ts starts one server for many runs.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(E2E_PORT) },
  },
});
