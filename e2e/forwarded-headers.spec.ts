import { expect, test } from "./fixtures/test";
import { postCredentials, WRITER } from "./fixtures/sign-in";

// With no trusted proxy (TRUST_PROXY=0, as here), X-Forwarded-* headers come from the client and
// are dropped: a forged X-Forwarded-Host must not make another site's Origin look like this one.
test.use({ javaScriptEnabled: false });

test("a server action posted with a forged Origin and a matching forged X-Forwarded-Host is refused", async ({ page, context, baseURL }) => {
  expect((await postCredentials(context.request, WRITER)).ok()).toBe(true);
  await page.goto("/editor/account");
  // The "Create token" form as a browser without JavaScript posts it: its fields, as rendered.
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create token" }) });
  const hidden = await form.locator("input[type=hidden]").evaluateAll((inputs) =>
    Object.fromEntries(inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value])),
  );
  const createToken = (name: string, headers: Record<string, string>) =>
    context.request.post("/editor/account", { multipart: { ...hidden, name, expiresIn: "30" }, headers, maxRedirects: 0 });
  const stamp = Date.now();

  const forged = await createToken(`forged ${stamp}`, { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  // The same request from this site's own origin runs, so the refusal above was the origin check.
  const genuine = await createToken(`genuine ${stamp}`, { Origin: new URL(baseURL!).origin });
  expect(genuine.status()).toBeLessThan(400);

  await page.reload();
  await expect(page.getByRole("cell", { name: `genuine ${stamp}`, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: `forged ${stamp}`, exact: true })).toHaveCount(0);
});
