import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { EDITOR, signIn } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// The newsroom's story list as an editor works it: search the words of a story's text, narrow by
// a status tab (the search kept), see each story's status, and move through it by keyboard.

test("the story list finds a story by a word of its text, narrows by status, and opens a row from the keyboard", async ({ browser, stories }) => {
  const word = `marigold${uniqueSuffix()}`;
  const draft = await stories.create({ headline: "Ferry timetable changes", paragraphs: [`The ${word} ferry leaves at dawn.`] });
  const published = await stories.create({ headline: "Harbor lights repaired", paragraphs: [`Crews mended the ${word} lamps.`], status: "published" });
  const page = await (await browser.newContext()).newPage();
  await signIn(page, EDITOR);
  await page.goto("/editor");

  // "/" goes to the search box (once the page's script runs); Enter searches.
  const search = page.getByRole("searchbox", { name: "Search", exact: true });
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(search).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.type(word);
  await page.keyboard.press("Enter");
  const rows = page.locator(".story-table > tbody > tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: published.headline }).getByText("Published", { exact: true })).toBeVisible();

  // The Draft tab keeps the search and counts what it holds.
  const tabs = page.getByRole("navigation", { name: "Stories by status" });
  await tabs.getByRole("link", { name: /^Draft/ }).click();
  await expect(tabs.getByRole("link", { name: "Draft 1" })).toHaveAttribute("aria-current", "page");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByText("Draft", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${word}.*status=draft|status=draft.*q=${word}`));

  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxeViolations(page);

  // j moves the focus to the row, k never past the first one; Enter opens the story.
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(rows.first().getByRole("link", { name: draft.headline })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/editor/stories/${draft.id}$`));
});
