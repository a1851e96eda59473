import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { EDITOR, signIn, WRITER } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// The writing-first story editor, as a writer uses it: the cursor lands in the headline of a new
// story, the first keystrokes create it, the body counts its words, links end where they were
// made, Ctrl+S saves, and every way out (a newsroom link, Back, closing the tab) asks first while
// links inside the body do not. A published story opens read-only for its writer; axe checks the
// editor in light and dark.

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

test("a writer's new story: created as they type, counted, saved with Ctrl+S, and never left by accident", async ({ page }) => {
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
  await page.keyboard.type(`Harbor pilots rehearse the winter storm plan ${uniqueSuffix()}`);
  await expect(page).toHaveURL(/\/editor\/stories\/\d+$/);
  await expect(page.getByRole("status").filter({ hasText: /Autosaved at|Unsaved changes/ })).toBeVisible();
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
  const storyUrl = page.url();

  // With unsaved changes, a newsroom link and Back both ask; "no" keeps the writer here.
  await body.press("End");
  await page.keyboard.type(" More follows.");
  await page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Stories" }).click();
  expect(asked.seen).toEqual(["prompt", "confirm"]);
  await page.goBack();
  await expect.poll(() => asked.seen.length).toBe(3);
  await expect(page).toHaveURL(storyUrl);
  await expect(body).toContainText("More follows.");
  asked.answer("accept");
  await page.goBack();
  await expect(page).toHaveURL(/\/editor$/);

  // Reopened, the cursor is in the body; closing the tab with unsaved changes asks too.
  await page.goto(storyUrl);
  await expect(body).toBeFocused();
  await expect(body).toContainText("Harbor reported by the pilots on Monday.");
  await page.keyboard.type("Last line. ");
  const closing = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  expect((await closing).type()).toBe("beforeunload");
});

test("a writer's published story is read-only for them, and the editor passes axe in light and dark", async ({ browser, stories }) => {
  const story = await stories.create({ headline: "Breakwater repairs finish ahead of the storms", author: WRITER, status: "published", paragraphs: ["The crews finished on Friday."] });
  const writer = await browser.newPage();
  await signIn(writer, WRITER);
  await writer.goto(story.editUrl);
  const body = writer.getByRole("textbox", { name: "Story body" });
  await expect(body).toHaveAttribute("contenteditable", "false");
  await expect(writer.getByRole("note")).toContainText("This story is published, so only an editor can change it now.");
  await expect(writer.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(writer.getByLabel("Headline")).toBeDisabled();
  await body.click();
  await writer.keyboard.type("Not mine to change.");
  await expect(body).not.toContainText("Not mine to change.");
  await writer.close();

  const editor = await browser.newPage();
  await signIn(editor, EDITOR);
  await editor.goto(story.editUrl);
  await expect(editor.getByRole("textbox", { name: "Story body" })).toHaveAttribute("contenteditable", "true");
  await expect(editor.getByRole("button", { name: "Unpublish" })).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await editor.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(editor);
  }
  await editor.close();
});
