import { type Page, type Request } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { NO_SCRIPT } from "./fixtures/setup";

// Signing in needs no client JavaScript either: the form posts (never a GET, which would put the
// password in the address bar, the history and the server's logs) and the server signs in.
test.use({ javaScriptEnabled: false });

/** Every request the page makes from now on. */
function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  return requests;
}

function expectNoCredentialsInUrls(requests: Request[], password: string) {
  for (const request of requests) {
    const url = decodeURIComponent(request.url());
    expect(url).not.toContain(NO_SCRIPT.email);
    expect(url).not.toContain(password);
  }
}

test("without JavaScript, the sign-in form posts and ends in the newsroom page asked for", async ({ page }) => {
  await page.goto("/editor/sign-in?callbackUrl=%2Feditor%2Faccount");
  const requests = recordRequests(page);
  await page.getByLabel("E-mail").fill(NO_SCRIPT.email);
  await page.getByLabel("Password").fill(NO_SCRIPT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
  await expect(page.getByRole("navigation", { name: "Newsroom" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/editor/account");
  expect(requests.find((request) => request.isNavigationRequest())?.method()).toBe("POST");
  expectNoCredentialsInUrls(requests, NO_SCRIPT.password);
});

test("without JavaScript, a wrong password shows the error on the sign-in page", async ({ page }) => {
  await page.goto("/editor/sign-in");
  const requests = recordRequests(page);
  await page.getByLabel("E-mail").fill(NO_SCRIPT.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The e-mail address or password is not right.");
  await expect(page.getByLabel("E-mail")).toHaveValue(NO_SCRIPT.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(new URL(page.url()).pathname).toBe("/editor/sign-in");
  expect(requests.filter((request) => request.isNavigationRequest()).map((request) => request.method())).toEqual(["POST"]);
  expectNoCredentialsInUrls(requests, "not-the-password");
});
