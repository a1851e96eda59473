import type { Browser, Page } from "@playwright/test";
import { demoAccounts } from "@/lib/demo/demo-accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { EDITOR, signIn, WRITER, type Account } from "./fixtures/sign-in";
import { expect, test } from "./fixtures/stories";

// Review notes and "Needs you", through the newsroom as its people use it: an editor sends a
// writer's story back with a note, the writer finds it on their dashboard and in the story and
// submits it again, and the editor's dashboard has it waiting for review.

// Two people, five page loads and axe twice: on a busy shared machine more than the default minute.
test.describe.configure({ timeout: 180_000 });

const nameOf = (role: string) => demoAccounts.find((account) => account.role === role)!.name;
const editorName = nameOf("editor");
const writerName = nameOf("writer");

async function signedIn(browser: Browser, who: Account): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** axe on the page as it is, in light and then dark mode. */
async function axeLightAndDark(page: Page) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousAxeViolations(page);
  }
}

test("an editor sends a story back with a note; the writer sees it, resubmits, and it waits for review", async ({ browser, baseURL, stories }) => {
  const story = await stories.create({ headline: "Harbour crane inspection finds worn cables", author: WRITER, status: "in_review" });
  const note = "Please add the port authority's answer and the date of the next inspection.";

  const editor = await signedIn(browser, EDITOR);
  await editor.goto(story.editUrl);
  await expect(editor.getByRole("textbox", { name: "Story body" })).toBeVisible();
  await editor.getByRole("button", { name: "Send back" }).click();
  await expect(editor.getByLabel("Note to the writer")).toHaveAccessibleDescription("Write a note saying what the story needs");
  await editor.getByLabel("Note to the writer").fill(note);
  await editor.getByRole("button", { name: "Send back" }).click();
  await expect(editor.getByRole("heading", { name: "Status: Draft" })).toBeVisible();

  // The writer's dashboard: the story, who sent it back and the note.
  const writer = await signedIn(browser, WRITER);
  const needs = writer.getByRole("region", { name: "Needs you" });
  const item = needs.getByRole("listitem").filter({ hasText: story.headline });
  await expect(item).toContainText(`sent back by ${editorName}`);
  await expect(item).toContainText(note);

  // …and the story itself, until it is submitted again.
  await item.getByRole("link", { name: story.headline }).click();
  const notice = writer.getByRole("region", { name: "Review notes" });
  await expect(notice).toContainText(`Sent back by ${editorName},`);
  await expect(notice).toContainText(note);
  await writer.getByRole("button", { name: "Submit for review" }).click();
  await expect(writer.getByRole("heading", { name: "Status: In review" })).toBeVisible();
  await expect(notice).toHaveCount(0);

  await editor.goto("/editor");
  const waiting = editor.getByRole("region", { name: "Needs you" });
  await expect(waiting.getByRole("heading", { name: "Waiting for review, longest first" })).toBeVisible();
  await expect(waiting.getByRole("listitem").filter({ hasText: story.headline })).toContainText(`by ${writerName}`);
  await axeLightAndDark(editor);

  // Out of the review queue of the tests that run after this one.
  expect((await editor.request.post(`/api/admin/stories/${story.id}/trash`, { headers: { Origin: baseURL! } })).status()).toBe(200);
  await writer.context().close();
  await editor.context().close();
});
