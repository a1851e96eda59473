import { expect, test, type APIRequestContext } from "@playwright/test";
import { SPOOFED, THROTTLED } from "./fixtures/setup";
import { postCredentials, signIn, WRITER } from "./fixtures/sign-in";

/** A sign-in attempt whose answer is read as it comes (redirects not followed). */
const attempt = (request: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}) =>
  postCredentials(request, { email, password }, { maxRedirects: 0, headers });

test("the newsroom asks anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/editor");
  await expect(page).toHaveURL(/\/editor\/sign-in\?callbackUrl=%2Feditor$/);
  await expect(page.locator("meta[name=robots]")).toHaveAttribute("content", /noindex/);
});

test("a wrong password is refused with a message, the same as an unknown e-mail", async ({ page, request }) => {
  await page.goto("/editor/sign-in");
  await page.getByLabel("E-mail").fill(WRITER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");

  const wrong = await attempt(request, WRITER.email, "x".repeat(16));
  const unknown = await attempt(request, "no-such-person@demo.test", "x".repeat(16));
  expect(wrong.status()).toBe(unknown.status());
  expect((await wrong.json()).url).toBe((await unknown.json()).url);
});

test("after 5 failures for one account, sign-in answers 429 with Retry-After, even with the right password", async ({ request }) => {
  const { email, password } = THROTTLED;
  for (let i = 0; i < 5; i++) expect((await attempt(request, email, `wrong-password-${i}`)).status()).not.toBe(429);
  const blocked = await attempt(request, email, password);
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await blocked.json()).message).toMatch(/Try again in \d+ seconds/);
});

test("session cookies are HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page, WRITER);
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("a spoofed X-Forwarded-For does not get around the limit (no trusted proxy is configured)", async ({ request }) => {
  for (let i = 0; i < 5; i++) {
    const spoof = { "X-Forwarded-For": `203.0.113.${i + 1}` };
    expect((await attempt(request, SPOOFED.email, `wrong-${i}`, spoof)).status()).not.toBe(429);
  }
  const blocked = await attempt(request, SPOOFED.email, SPOOFED.password, { "X-Forwarded-For": "198.51.100.77" });
  expect(blocked.status()).toBe(429);
});
