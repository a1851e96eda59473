import { request as playwrightRequest, type Browser, type Locator } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { E2E_ADMIN } from "./fixtures/setup";
import { addPerson } from "./fixtures/people";
import { EDITOR, signIn, WRITER, type Account } from "./fixtures/sign-in";

// API tokens as an admin sees them: anyone's tokens under People, with when each was last used
// and when it expires; revoking one, or resetting its owner's password, stops it at once.

const run = Date.now().toString(36);
const PRINTED_TIME = /\d{4}, \d{2}:\d{2}/;

async function newSignedInPage(browser: Browser, who: Account) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** The cells of a token's row: name, created, last used, expires, state. */
const cells = (row: Locator) => row.getByRole("cell");

test("an admin sees anyone's tokens with last use and expiry, revokes one, and a password reset ends the rest", async ({ browser, baseURL }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const owner = { name: `Tobin Tokens ${run}`, email: `tobin-${run}@e2e.test`, password: "tobin-first-password" };
  // The owner makes two tokens: one for 30 days, one that never expires.
  const page = await addPerson(admin, browser, owner);
  await page.goto("/editor/account");
  const tokens: Record<string, string> = {};
  for (const [name, expiry] of [["wire ingest", "In 30 days"], ["backup script", "Never"]] as const) {
    await page.getByLabel("Token name").fill(name);
    await page.getByLabel("Expires").selectOption({ label: expiry });
    await page.getByRole("button", { name: "Create token" }).click();
    tokens[name] = (await page.locator("code").filter({ hasText: /^mrd_/ }).textContent())!;
    await page.reload();
  }
  const api = async (token: string) => {
    const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const status = (await context.get("/api/admin/media")).status();
    await context.dispose();
    return status;
  };
  expect(await api(tokens["wire ingest"]!)).toBe(200);
  await page.reload();
  const wire = page.getByRole("row", { name: /wire ingest/ });
  await expect(cells(wire).nth(2)).toHaveText(PRINTED_TIME);
  await expect(cells(wire).nth(3)).toHaveText(PRINTED_TIME);
  await expect(cells(page.getByRole("row", { name: /backup script/ })).nth(2)).toHaveText("Never");

  // The admin finds them under People.
  await admin.goto("/editor/people");
  await admin.getByRole("link", { name: `Edit ${owner.name}` }).click();
  await expect(admin.getByRole("heading", { name: `API tokens of ${owner.name}` })).toBeVisible();
  const adminWire = admin.getByRole("row", { name: /wire ingest/ });
  await expect(cells(adminWire).nth(2)).toHaveText(PRINTED_TIME);
  await expect(cells(adminWire).nth(3)).toHaveText(PRINTED_TIME);
  const adminBackup = admin.getByRole("row", { name: /backup script/ });
  await expect(cells(adminBackup).nth(2)).toHaveText("Never");
  await expect(cells(adminBackup).nth(3)).toHaveText("Never");
  await adminWire.getByRole("button", { name: "Revoke wire ingest" }).click();
  // The page refreshes: the button gives way to the state.
  await expect(cells(adminWire).nth(4)).toHaveText("Revoked");
  expect(await api(tokens["wire ingest"]!)).toBe(401);
  expect(await api(tokens["backup script"]!)).toBe(200);

  // A password reset ends the other one too, once the owner uses the link.
  await admin.goto("/editor/people");
  await admin.getByRole("button", { name: `Password reset link for ${owner.name}` }).click();
  const link = (await admin.locator("code").filter({ hasText: "/editor/reset/" }).textContent())!;
  expect(await api(tokens["backup script"]!)).toBe(200);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("tobin-second-password");
  await page.getByLabel("New password again").fill("tobin-second-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your new password is set.")).toBeVisible();
  expect(await api(tokens["backup script"]!)).toBe(401);
  await admin.goto("/editor/people");
  await admin.getByRole("link", { name: `Edit ${owner.name}` }).click();
  await expect(cells(admin.getByRole("row", { name: /backup script/ })).nth(4)).toHaveText("Revoked");

  // Each step is in the audit log.
  await admin.goto("/editor/audit?action=token.revoke");
  await expect(admin.getByRole("cell", { name: "token.revoke" }).first()).toBeVisible();
});

test("editors and writers cannot open someone's tokens", async ({ browser }) => {
  for (const who of [EDITOR, WRITER]) {
    const page = await newSignedInPage(browser, who);
    await page.goto("/editor/people/1");
    await expect(page).toHaveURL(/\/editor\?denied=1/);
    await page.context().close();
  }
});
