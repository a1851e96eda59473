import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { E2E_ADMIN } from "./fixtures/setup";
import { EDITOR, signIn, type Account } from "./fixtures/sign-in";
import { expect, test } from "./fixtures/stories";

// Two people on one story, in two browser contexts: each sees the other there; the second to save
// is told who saved first, compares the two versions side by side and keeps their own; and an
// editor publishing between their edits never makes their next save fail.

/** The rich-text editor mounts after hydration: from then on, typing reaches React. */
async function editorReady(page: Page) {
  await expect(page.getByRole("textbox", { name: "Story body" })).toBeVisible();
}

/** Signs in as `who` and opens the story, ready to type. */
async function openAs(page: Page, who: Account, editUrl: string) {
  await signIn(page, who);
  await page.goto(editUrl);
  await editorReady(page);
}

/**
 * Types `text` into the deck and saves: Ctrl+S at once, or the autosave if it comes first (a
 * draft autosaves after a 2 s pause, which a loaded machine may take); answers the PATCH's status.
 */
async function editDeckAndSave(page: Page, text: string): Promise<number> {
  const response = page.waitForResponse((r) => r.request().method() === "PATCH");
  await page.getByLabel("Deck").fill(text);
  await page.keyboard.press("ControlOrMeta+s");
  return (await response).status();
}

test("two editors on one story: presence, a conflict compared and kept, publishing in between", async ({ browser, stories }) => {
  // Two browsers signing in and hydrating the editor side by side.
  test.slow();
  const { id, editUrl } = await stories.create({ headline: "Lighthouse keepers ask the council for a new roof" });
  const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
  const ana = await first.newPage();
  const ben = await second.newPage();
  await Promise.all([openAs(ana, E2E_ADMIN, editUrl), openAs(ben, EDITOR, editUrl)]);

  // Each editor beats again as it saves (by then the other one's first heartbeat is in), and
  // every 15 s in any case.
  expect(await editDeckAndSave(ana, "Ana's deck: the council meets on Friday.")).toBe(200);
  await expect(ana.getByRole("status").filter({ hasText: "Also editing: Morgan Ellery" })).toBeVisible({ timeout: 20_000 });

  expect(await editDeckAndSave(ben, "Ben's deck: the roof has leaked since March.")).toBe(409);
  // (Focus moves to the message after Save or Ctrl+S, not after an autosave: story-draft's tests.)
  const notice = ben.getByRole("alert").filter({ hasText: "Administrator saved this story at" });
  await notice.getByRole("button", { name: "Compare" }).click();
  const dialog = ben.getByRole("dialog", { name: "Their version and yours" });
  const deckRow = dialog.getByRole("row", { name: /^Deck/ });
  await expect(deckRow).toContainText("Ana's deck: the council meets on Friday.");
  await expect(deckRow).toContainText("Ben's deck: the roof has leaked since March.");
  await expectNoSeriousAxeViolations(ben);
  await ben.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxeViolations(ben);

  const kept = ben.waitForResponse((r) => r.request().method() === "PATCH");
  await dialog.getByRole("button", { name: "Keep mine" }).click();
  expect((await kept).status()).toBe(200);
  await expect(dialog).toBeHidden();
  await expect(ben.getByRole("status").filter({ hasText: "Also editing: Administrator" })).toBeVisible({ timeout: 20_000 });

  // Ana publishes while Ben keeps writing: his next save still goes through.
  await ana.getByRole("button", { name: "Publish now" }).click();
  await expect(ana.getByText("Published.")).toBeVisible();
  expect(await editDeckAndSave(ben, "Ben's deck, again: the roof has leaked since March.")).toBe(200);

  // Ben's text, published; his page may also have autosaved, so the count is not checked here.
  const story = await (await ben.request.get(`/api/admin/stories/${id}`)).json();
  expect(story).toMatchObject({ deck: "Ben's deck, again: the roof has leaked since March.", status: "published" });
  await Promise.all([first.close(), second.close()]);
});
