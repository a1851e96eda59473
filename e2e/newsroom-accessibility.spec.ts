import fs from "node:fs";
import path from "node:path";
import { type Page } from "@playwright/test";
import { seriousAxeViolations } from "./fixtures/axe";
import { makeInvitation } from "./fixtures/people";
import { E2E_ADMIN, RESET_PAGE_PERSON } from "./fixtures/setup";
import { signIn } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// Axe on every page of the newsroom, in light and dark, as an admin sees it (the signed-out pages
// before signing in). One browser context and one sign-in for all of them; every finding of every
// page is reported at once. The second test keeps the list whole: a page.tsx under app/editor
// that is not in it fails, so a new newsroom page cannot go unchecked.

interface Ids {
  storyEditUrl: string;
  invitationLink: string;
  resetLink: string;
}

/** Follows the first link under `main` whose address matches, as a person clicks through a list. */
const firstLink = (listPath: string, pattern: RegExp) => async (page: Page) => {
  await page.goto(listPath);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  const href = hrefs.find((candidate) => pattern.test(candidate));
  if (!href) throw new Error(`No link matching ${pattern} on ${listPath}`);
  await page.goto(href);
};

const to = (address: string) => async (page: Page) => void (await page.goto(address));

/** Every newsroom route (as app/editor lays it out) and how the admin reaches a page of it. */
const signedOutPages: Record<string, (page: Page) => Promise<void>> = {
  "/editor/sign-in": to("/editor/sign-in"),
  "/editor/sign-in/code": to("/editor/sign-in/code"),
};
const signedInPages: Record<string, (page: Page, ids: Ids) => Promise<void>> = {
  "/editor": to("/editor"),
  "/editor/stories/new": to("/editor/stories/new"),
  "/editor/stories/[id]": (page, ids) => to(ids.storyEditUrl)(page),
  "/editor/stories/[id]/revisions": (page, ids) => to(`${ids.storyEditUrl}/revisions`)(page),
  "/editor/media": to("/editor/media"),
  "/editor/media/[id]": firstLink("/editor/media", /^\/editor\/media\/\d+$/),
  "/editor/authors": to("/editor/authors"),
  "/editor/authors/[id]": firstLink("/editor/authors", /^\/editor\/authors\/\d+$/),
  "/editor/people": to("/editor/people"),
  "/editor/people/[id]": firstLink("/editor/people", /^\/editor\/people\/\d+$/),
  "/editor/sections": to("/editor/sections"),
  "/editor/front-page": to("/editor/front-page"),
  "/editor/live": to("/editor/live"),
  "/editor/comments": to("/editor/comments"),
  "/editor/trash": to("/editor/trash"),
  "/editor/audit": to("/editor/audit"),
  "/editor/settings": to("/editor/settings"),
  "/editor/account": to("/editor/account"),
  "/editor/two-factor": to("/editor/two-factor"),
  "/editor/invite/[token]": (page, ids) => to(ids.invitationLink)(page),
  "/editor/reset/[token]": (page, ids) => to(ids.resetLink)(page),
};

/** Light, then dark: the page is checked as it is in each, without loading it again. */
async function findingsInBothModes(page: Page, route: string): Promise<string[]> {
  await expect(page.locator("main").first()).toBeVisible();
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await seriousAxeViolations(page)).map((finding) => `${route} (${colorScheme}) ${finding}`));
  }
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

test("every newsroom page has no serious or critical axe violations, in light and dark", async ({ page, stories }) => {
  test.setTimeout(240_000);
  const findings: string[] = [];
  for (const [route, open] of Object.entries(signedOutPages)) {
    await test.step(route, async () => {
      await open(page);
      findings.push(...(await findingsInBothModes(page, route)));
    });
  }

  await signIn(page, E2E_ADMIN);
  const story = await stories.create({ headline: "Checking every newsroom page with axe", paragraphs: ["A first version."] });
  await stories.update(story.id, { deck: "A second version, so there are revisions to compare." });
  const invitationLink = await makeInvitation(page, { name: `Ivo Invited ${uniqueSuffix()}`, email: `axe-invite-${uniqueSuffix()}@e2e.test` });
  await page.reload();
  await page.getByRole("button", { name: `Password reset link for ${RESET_PAGE_PERSON.name}` }).click();
  const resetLink = (await page.locator("code").filter({ hasText: "/editor/reset/" }).textContent())!;
  const ids: Ids = { storyEditUrl: story.editUrl, invitationLink, resetLink };

  for (const [route, open] of Object.entries(signedInPages)) {
    await test.step(route, async () => {
      await open(page, ids);
      findings.push(...(await findingsInBothModes(page, route)));
    });
  }
  expect(findings).toEqual([]);
});

test("the list above names every page under app/editor", () => {
  const appDir = path.resolve("app");
  const pageFiles = (fs.readdirSync(path.join(appDir, "editor"), { recursive: true }) as string[]).filter((file) => path.basename(file) === "page.tsx");
  const routes = pageFiles.map((file) =>
    `/editor/${path.dirname(file)}`
      .split(path.sep)
      .join("/")
      .split("/")
      // Route groups, such as (newsroom), are not part of the address.
      .filter((segment) => segment !== "." && !/^\(.+\)$/.test(segment))
      .join("/"),
  );
  expect(routes.sort()).toEqual([...Object.keys(signedOutPages), ...Object.keys(signedInPages)].sort());
});
