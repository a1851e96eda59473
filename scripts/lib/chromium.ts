import fs from "node:fs";

// The Chromium the end-to-end tests (playwright.config.ts) and `npm run bench:lighthouse` drive:
// Debian's where it exists (test tools cannot download browsers here), with the flags a root user
// on a closed network needs. Both callers add their own flags after these.

/** Debian's Chromium, when installed; undefined elsewhere (Playwright then uses its own). */
export const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) => fs.existsSync(file));

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
