import type { Page } from "@playwright/test";
import { signIn, WRITER } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// The writing-first story editor, as a writer uses it: the cursor lands in the headline of a new
// story, the first keystrokes create it, the body counts its words, links end where they were
// made, Ctrl+S saves, and every way out (a newsroom link, Back, closing the tab) asks first while
// links inside the body do not. A published story opens read-only for its writer. axe checks the
// editor in light and dark in e2e/newsroom-accessibility.spec.ts.

/** Every dialog the page opens, answered as `answer` says at that moment. */
function dialogs(page: Page) {
  const seen: string[] = [];
  let answer: "accept" | "dismiss" = "dismiss";
  let linkAddress = "";
  page.on("dialog", (dialog) => {
    seen.push(dialog.type());
    if (dialog.type() === "prompt") void dialog.accept(linkAddress);
    else void (answer === "accept" ? dialog.accept() : dialog.dismiss());
  });
  return {
    seen,
    answer: (next: "accept" | "dismiss") => (answer = next),
    linkWith: (address: string) => (linkAddress = address),
  };
}

test("a writer's new story: created as they type, counted, with links that end where made, saved with Ctrl+S", async ({ page }) => {
  const asked = dialogs(page);
  await signIn(page, WRITER);
  await page.getByRole("link", { name: "New story" }).first().click();
  const headline = page.getByLabel("Headline");
  await expect(headline).toBeFocused();
  const body = page.getByRole("textbox", { name: "Story body" });
  // The text fills the first screen; the settings are beside it, in their own panel.
  const side = page.getByRole("complementary", { name: "Story settings" });
  const [bodyBox, sideBox] = [await body.boundingBox(), await side.boundingBox()];
  expect(bodyBox!.y).toBeLessThan(page.viewportSize()!.height);
  expect(sideBox!.x).toBeGreaterThan(bodyBox!.x + bodyBox!.width - 1);

  // The first keystrokes create the story; the page stays, its address becomes the story's.
  await page.keyboard.type(`Pilots drill ${uniqueSuffix()}`);
  await expect(page).toHaveURL(/\/editor\/stories\/\d+$/);
  await expect(page.getByRole("status").filter({ hasText: /Autosaved at|Unsaved changes/ })).toBeVisible();
  // …and so does its title row: it is the story's page now, with its revisions.
  await expect(page.getByRole("heading", { level: 1, name: "Edit story" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Revisions" })).toHaveAttribute("href", /\/editor\/stories\/\d+\/revisions$/);
  await expect(page).toHaveTitle(/^Edit story/);
  await expect(page.getByRole("heading", { name: "Status: Draft" })).toBeVisible();

  // A link made from selected words ends there: what is typed next is plain text.
  await body.click();
  await page.keyboard.type("Harbor report");
  await page.keyboard.press("Shift+Home");
  asked.linkWith("https://example.org/report");
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await page.keyboard.press("End");
  await page.keyboard.type("ed by the pilots on Monday.");
  await expect(body.getByRole("link")).toHaveText("Harbor report");
  await expect(body).toContainText("Harbor reported by the pilots on Monday.");
  await expect(page.getByText("7 words · 1 min read")).toBeVisible();

  // Clicking the link in the body asks nothing; Ctrl+S saves.
  await body.getByRole("link").click();
  expect(asked.seen).toEqual(["prompt"]);
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("status").filter({ hasText: /^Saved at/ })).toBeVisible();
});

test("leaving a story with unsaved changes asks first, by a link, Back or closing the tab", async ({ page, stories }) => {
  const story = await stories.create({ headline: "Pilots rehearse the storm plan", author: WRITER, paragraphs: ["The drill ran at dawn."] });
  const asked = dialogs(page);
  await signIn(page, WRITER);
  await page.goto(story.editUrl);
  // The cursor is in the body, at the end of the text.
  const body = page.getByRole("textbox", { name: "Story body" });
  await expect(body).toBeFocused();
  await page.keyboard.type(" More follows.");
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Stories" }).click();
  expect(asked.seen).toEqual(["confirm"]);
  await page.goBack();
  await expect.poll(() => asked.seen.length).toBe(2);
  await expect(page).toHaveURL(story.editUrl);
  await expect(body).toContainText("The drill ran at dawn. More follows.");
  asked.answer("accept");
  await page.goBack();
  await expect(page).toHaveURL(/\/editor$/);
  await page.goto(story.editUrl);
  await expect(body).toBeFocused();
  await page.keyboard.type("Last line.");
  const closing = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  expect((await closing).type()).toBe("beforeunload");
});

test("a writer's published story is read-only for them", async ({ page, stories }) => {
  const story = await stories.create({ headline: "Breakwater repairs finish ahead of the storms", author: WRITER, status: "published", paragraphs: ["The crews finished on Friday."] });
  await signIn(page, WRITER);
  await page.goto(story.editUrl);
  const body = page.getByRole("textbox", { name: "Story body" });
  await expect(body).toHaveAttribute("contenteditable", "false");
  await expect(page.getByRole("note")).toContainText("This story is published, so only an editor can change it now.");
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Headline")).toBeDisabled();
  await body.click();
  await page.keyboard.type("Not mine to change.");
  await expect(body).not.toContainText("Not mine to change.");
});
