import { expect, test } from "./fixtures/test";

// A search cursor beyond the range of a story id once failed in the database and answered 500.
// It is a malformed address: a 400 with the page's message, and nothing of the server's insides.
// (Error answers under real database failures are checked by the fault tests, scripts/fault-test.ts.)

const BEYOND_ANY_ID = "/search?q=harbor&after=9999999999";
/** What a leak looks like: a stack frame, a path of the server's files, the database's message. */
const LEAKS = [/\bat [\w$.<>]+ \(/, /\/work\//, /\.next\/server/, /node_modules/, /\.(ts|tsx|js|mjs):\d+/, /out of range/, /\bstack\b/i];

test("a search cursor beyond any story id is a 400 with the page's message, showing nothing of the server", async ({ request, page }) => {
  const answer = await request.get(BEYOND_ANY_ID);
  expect(answer.status()).toBe(400);
  const html = await answer.text();
  for (const leak of LEAKS) expect(html, String(leak)).not.toMatch(leak);

  await page.goto(BEYOND_ANY_ID);
  await expect(page.getByText("This link to a further page of results is broken")).toBeVisible();
  const shown = await page.locator("body").innerText();
  for (const leak of LEAKS) expect(shown, String(leak)).not.toMatch(leak);
});
