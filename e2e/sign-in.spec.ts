import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DETOURED, SPOOFED, THROTTLED } from "./fixtures/setup";
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

test("no request shape goes around the limit: extra path segments, a JSON body, a repeated e-mail field", async ({ request }) => {
  const { email } = DETOURED;
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const fields = (password: string) => ({ email, password, csrfToken, callbackUrl: "/editor", json: "true" });
  // Extra path segments no longer reach next-auth at all: not even the right password signs in there.
  const extra = await request.post("/api/auth/callback/credentials/extra/segments", { form: fields(DETOURED.password), maxRedirects: 0 });
  expect(extra.status()).toBe(404);
  expect(extra.headers()["set-cookie"] ?? "").not.toContain("session-token");
  const detours = {
    "a JSON body": (password: string) => request.post("/api/auth/callback/credentials", { data: fields(password), maxRedirects: 0 }),
    // Whichever of the two values one part reads, the other must not read the other one.
    "a repeated e-mail field": (password: string) =>
      request.post("/api/auth/callback/credentials", {
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: new URLSearchParams([["email", "someone-else@e2e.test"], ...Object.entries(fields(password))]).toString(),
        maxRedirects: 0,
      }),
  };
  // The 5 allowed failures, spread over the detours: they all count for the same account.
  const order = ["a JSON body", "a repeated e-mail field", "a JSON body", "a repeated e-mail field", "a JSON body"] as const;
  for (const [i, detour] of order.entries()) expect((await detours[detour](`wrong-password-${i}`)).status(), detour).toBe(401);
  for (const [detour, attempt] of Object.entries(detours)) {
    const blocked = await attempt(DETOURED.password);
    expect(blocked.status(), detour).toBe(429);
    expect(Number(blocked.headers()["retry-after"]), detour).toBeGreaterThan(0);
    expect(blocked.headers()["set-cookie"] ?? "", detour).not.toContain("session-token");
  }
  const stillExtra = await request.post("/api/auth/callback/credentials/extra/segments", { form: fields(DETOURED.password), maxRedirects: 0 });
  expect(stillExtra.status()).toBe(404);
});

// Values of callbackUrl that do not parse as a URL of this site (next-auth itself throws on them).
const UNPARSABLE = ["http://%zz", "http://[::1", "http://a b", "x", "javascript:alert(1)"];

test("a callback URL that does not parse never makes next-auth answer 500", async ({ request }) => {
  for (const callbackUrl of UNPARSABLE) {
    const query = `callbackUrl=${encodeURIComponent(callbackUrl)}`;
    for (const endpoint of ["signin", "signout", "session", "csrf", "providers"]) {
      const response = await request.get(`/api/auth/${endpoint}?${query}`, { maxRedirects: 0 });
      expect(response.status(), `GET /api/auth/${endpoint}?${query}`).toBeLessThan(400);
    }
    const cookie = { Cookie: `next-auth.callback-url=${encodeURIComponent(callbackUrl)}` };
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/editor/sign-in", "/editor"]) {
      const response = await request.get(path, { headers: cookie, maxRedirects: 0 });
      expect(response.status(), `GET ${path} with the callback-url cookie ${callbackUrl}`).toBeLessThan(400);
    }
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const signOut = await request.post("/api/auth/signout", { form: { csrfToken, callbackUrl, json: "true" } });
    expect(signOut.status(), `sign-out to ${callbackUrl}`).toBe(200);
    expect((await signOut.json()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/editor$/);
  }
});

test("a sign-in whose callback URL does not parse, or leads off the newsroom, ends in the newsroom", async ({ request }) => {
  for (const callbackUrl of [...UNPARSABLE, "//evil.example/editor", "https://evil.example/editor", "/news"]) {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const response = await request.post("/api/auth/callback/credentials", {
      form: { ...WRITER, csrfToken, callbackUrl, json: "true" },
      maxRedirects: 0,
    });
    expect(response.status(), callbackUrl).toBe(200);
    expect((await response.json()).url, callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/editor$/);
  }
});

test("a callback-url cookie that does not parse does not keep anyone out of the newsroom", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "next-auth.callback-url", value: encodeURIComponent("http://%zz"), url: baseURL! }]);
  await signIn(page, WRITER);
  await page.goto("/editor/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
});

test("signing out ends the session and comes back to the sign-in page", async ({ page }) => {
  await signIn(page, WRITER);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/editor\/sign-in$/);
  await page.goto("/editor");
  await expect(page).toHaveURL(/\/editor\/sign-in\?callbackUrl=%2Feditor$/);
});
