import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

// The Content-Security-Policy as a browser meets it (lib/http/security-headers.ts), and the watch
// every spec runs under (e2e/fixtures/test.ts): a violation is caught, and fails the test.

/** Makes the page break its policy: an image from a host img-src does not name. */
async function breakPolicy(page: Page) {
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "https://example.invalid/pixel.png";
    document.body.append(image);
  });
}

test("a violation on a page is caught", async ({ page, csp }) => {
  await page.goto("/");
  expect(csp.violations()).toEqual([]);
  await breakPolicy(page);
  await expect.poll(() => csp.violations().map((violation) => violation.directive)).toContain("img-src");
  // Forgotten here only: any other test with a violation fails (the next test proves it).
  csp.forget();
});

test("a test during which a page breaks its policy fails", async ({ page, csp }) => {
  test.fail(true, "the watch fails a test with a violation");
  await page.goto("/");
  await breakPolicy(page);
  await expect.poll(() => csp.violations().length).toBeGreaterThan(0);
});

test("a public page names its inline scripts by hash, the same on its first answer and from the store", async ({ request }) => {
  const address = `/news?csp-check=${Date.now()}`;
  const first = await request.get(address);
  const again = await request.get(address);
  expect(again.headers()["x-nextjs-cache"]).toBe("HIT");
  const policy = first.headers()["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+={0,2}')+;/);
  expect(again.headers()["content-security-policy"]).toBe(policy);
  for (const directive of ["frame-ancestors 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy).toContain(directive);
});

test("a newsroom page carries a nonce of its own, on its scripts", async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const answer = await request.get("/editor/sign-in");
    const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(answer.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(await answer.text()).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("the newsroom's sign-in works under its policy", async ({ page }) => {
  await page.goto("/editor/sign-in");
  await expect(page.getByLabel("E-mail")).toBeVisible();
  // Hydrated: the form's scripts ran (React attaches its handlers), with no violation (the watch).
  await page.waitForFunction(() => Object.keys(document.querySelector("form") ?? {}).some((key) => key.startsWith("__react")));
});
