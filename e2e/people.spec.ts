import { type Browser } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { addPerson, appCode, makeInvitation } from "./fixtures/people";
import { E2E_ADMIN } from "./fixtures/setup";
import { signIn, type Account } from "./fixtures/sign-in";

// People as an admin runs them: invitations by link, password reset links, editing someone's
// name and e-mail, and two-factor sign-in, each through the interface; each test makes its own
// people, so it passes alone. axe checks each of these pages in e2e/newsroom-accessibility.spec.ts.

const run = Date.now().toString(36);

// Each test signs in several people and walks several pages.
test.describe.configure({ timeout: 300_000 });

async function newSignedInPage(browser: Browser, who: Account) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test("an admin invites a writer, who chooses a password through the link and signs in; the link works once", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const writer = { name: `Wynn Invited ${run}`, email: `wynn-${run}@e2e.test`, password: "wynn-chosen-password" };
  const link = await makeInvitation(admin, writer);
  expect(new URL(link).pathname).toMatch(/^\/editor\/invite\/[\w-]{22}$/);
  await admin.reload();
  await expect(admin.getByRole("row", { name: new RegExp(writer.name) }).getByRole("cell", { name: "writer", exact: true })).toBeVisible();

  // The invitee's page: a short password is refused next to the field; nothing is made.
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /Join the .* newsroom/ })).toBeVisible();
  await expect(page.getByText(writer.email)).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByRole("button", { name: "Join the newsroom" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(writer.password);
  await page.getByLabel("Password again").fill(writer.password);
  await page.getByRole("button", { name: "Join the newsroom" }).click();
  await expect(page.getByRole("navigation", { name: "Newsroom" })).toBeVisible();
  await page.goto("/editor/account");
  await expect(page.getByText(`${writer.name} · ${writer.email} · writer`)).toBeVisible();

  // They sign in again later with the password they chose.
  await newSignedInPage(browser, writer);

  // The link is spent: a clear page, answered 404, not a second account.
  const again = await (await browser.newContext()).newPage();
  const response = await again.goto(link);
  expect(response?.status()).toBe(404);
  await expect(again.getByRole("heading", { name: "This invitation link no longer works" })).toBeVisible();
  expect((await again.goto("/editor/invite/not-a-real-token"))?.status()).toBe(404);

  // No longer pending; the audit log has it.
  await admin.goto("/editor/people");
  await expect(admin.getByRole("row", { name: new RegExp(`${writer.name} \\(`) })).toHaveCount(0);
  await admin.goto("/editor/audit?action=invitation.accept");
  await expect(admin.getByRole("cell", { name: "invitation.accept" }).first()).toBeVisible();
});

test("an admin withdraws a pending invitation, and its link stops working", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const who = { name: `Wilma Withdrawn ${run}`, email: `wilma-${run}@e2e.test` };
  const link = await makeInvitation(admin, who);
  await admin.reload();
  await admin.getByRole("button", { name: `Withdraw invitation of ${who.name}` }).click();
  await expect(admin.getByRole("button", { name: `Withdraw invitation of ${who.name}` })).toHaveCount(0);
  const page = await (await browser.newContext()).newPage();
  expect((await page.goto(link))?.status()).toBe(404);
  await expect(page.getByText("Ask an admin of the newsroom for a new one.")).toBeVisible();
});

test("a password reset link sets the password the person chooses, and ends their open session", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const person = { name: `Remy Reset ${run}`, email: `remy-${run}@e2e.test`, password: "remy-first-password" };
  const remy = await addPerson(admin, browser, person);

  await admin.goto("/editor/people");
  await admin.getByRole("button", { name: `Password reset link for ${person.name}` }).click();
  const link = (await admin.locator("code").filter({ hasText: "/editor/reset/" }).textContent())!;
  // Making the link changes nothing yet.
  await remy.goto("/editor/account");
  await expect(remy.getByRole("heading", { name: "Account" })).toBeVisible();

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("remy-second-password");
  await page.getByLabel("New password again").fill("remy-something-else");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("remy-second-password");
  await page.getByLabel("New password again").fill("remy-second-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your new password is set. Sign in with it.")).toBeVisible();

  // The old session has ended; the old password no longer works, the new one does.
  await remy.goto("/editor");
  await expect(remy).toHaveURL(/\/editor\/sign-in/);
  await remy.getByLabel("E-mail").fill(person.email);
  await remy.getByLabel("Password").fill(person.password);
  await remy.getByRole("button", { name: "Sign in" }).click();
  await expect(remy.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");
  await signIn(page, { email: person.email, password: "remy-second-password" });

  // Used once: the link is gone.
  expect((await page.goto(link))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This password reset link no longer works" })).toBeVisible();
});

test("an admin edits a person's name and e-mail; an address someone else uses is refused next to the field", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const person = { name: `Eddie Edited ${run}`, email: `eddie-${run}@e2e.test`, password: "eddie-first-password" };
  await addPerson(admin, browser, person);
  await admin.goto("/editor/people");
  await admin.getByRole("link", { name: `Edit ${person.name}` }).click();
  await expect(admin.getByRole("heading", { name: person.name, level: 1 })).toBeVisible();

  const email = admin.getByLabel("E-mail");
  await email.fill(E2E_ADMIN.email);
  await admin.getByRole("button", { name: "Save name and e-mail" }).click();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(admin.getByText(`Someone already uses ${E2E_ADMIN.email}`).first()).toBeVisible();

  const renamed = { name: `Edwina Edited ${run}`, email: `edwina-${run}@e2e.test` };
  await admin.getByLabel("Name").fill(renamed.name);
  await email.fill(renamed.email);
  await admin.getByRole("button", { name: "Save name and e-mail" }).click();
  await expect(admin.getByText("Saved.")).toBeVisible();
  await admin.goto("/editor/people");
  await expect(admin.getByRole("row", { name: new RegExp(renamed.email) })).toContainText(renamed.name);

  // They sign in with the new address.
  await newSignedInPage(browser, { email: renamed.email, password: person.password });
});

test("two-factor sign-in: set up under Account with a code, then sign-in asks for the code after the password", async ({ browser }) => {
  const admin = await newSignedInPage(browser, E2E_ADMIN);
  const person = { name: `Tess Twofactor ${run}`, email: `tess-${run}@e2e.test`, password: "tess-first-password" };
  const tess = await addPerson(admin, browser, person);

  await tess.goto("/editor/account");
  await tess.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await tess.getByTestId("two-factor-secret").textContent())!;
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(tess.getByText(/otpauth:\/\/totp\//)).toBeVisible();
  await expect(tess.getByRole("img", { name: "QR code of the set-up address" })).toBeVisible();
  await tess.getByLabel("Code from your app").fill("000000");
  await tess.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(tess.getByText("That code is not right.").first()).toBeVisible();
  await tess.getByLabel("Code from your app").fill(appCode(secret));
  await tess.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(tess.getByText("On: sign-in asks for a code")).toBeVisible();

  // Signing in: the password, then the code.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/editor/sign-in");
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/editor\/sign-in\/code/);
  await page.getByLabel("Code").fill("123456");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That code is not right.").first()).toBeVisible();
  // The code that turned it on is spent; the app's next one is taken.
  const code = appCode(secret, 1);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Newsroom" })).toBeVisible();

  // The same code cannot sign in a second time.
  const replay = await (await browser.newContext()).newPage();
  await replay.goto("/editor/sign-in");
  await replay.getByLabel("E-mail").fill(person.email);
  await replay.getByLabel("Password").fill(person.password);
  await replay.getByRole("button", { name: "Sign in" }).click();
  await replay.getByLabel("Code").fill(code);
  await replay.getByRole("button", { name: "Sign in" }).click();
  await expect(replay.getByText("That code is not right.").first()).toBeVisible();

  // The admin sees it, and can turn it off for someone who lost their app.
  await admin.goto("/editor/people");
  await expect(admin.getByRole("row", { name: new RegExp(person.email) })).toContainText("Active · two-factor");
  await admin.getByRole("link", { name: `Edit ${person.name}` }).click();
  await admin.getByRole("button", { name: `Turn off two-factor sign-in of ${person.name}` }).click();
  await expect(admin.getByText("Off. They can turn it on under Account.")).toBeVisible();
  await newSignedInPage(browser, person);
});
