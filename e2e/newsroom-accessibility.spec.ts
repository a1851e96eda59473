import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type BrowserContextOptions, type Page } from "@playwright/test";
import { COLOUR_RULES, seriousAxeViolations } from "./fixtures/axe";
import { makeInvitation } from "./fixtures/people";
import { E2E_ADMIN, RESET_PAGE_PERSON } from "./fixtures/setup";
import { postCredentials } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix, type StoryFactory } from "./fixtures/stories";

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

// Axe on every page of the newsroom, as an admin sees it (the sign-in pages signed out): the whole
// rule set in light mode, then the colour rules in dark (the only ones a colour scheme changes).
// The admin signs in once per worker and every test reuses that session; each test covers a
// group of pages and reports all their findings at once. The last test keeps the list whole: a
// page.tsx under app/editor missing from it fails, so a new newsroom page cannot go unchecked.

interface Ids {
  storyEditUrl: string;
  invitationLink: string;
  resetLink: string;
}
type Open = (page: Page, ids: Ids) => Promise<void>;

/** Follows the first link under `main` whose address matches, as a person clicks through a list. */
const firstLink =
  (listPath: string, pattern: RegExp): Open =>
  async (page) => {
    await page.goto(listPath);
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const href = hrefs.find((candidate) => pattern.test(candidate));
    if (!href) throw new Error(`No link matching ${pattern} on ${listPath}`);
    await page.goto(href);
  };

const to =
  (address: string | ((ids: Ids) => string)): Open =>
  async (page, ids) =>
    void (await page.goto(typeof address === "string" ? address : address(ids)));

/** Every newsroom route (as app/editor lays it out), in groups of a test each, and how the admin reaches a page of it. */
const signedOutPages: Record<string, Open> = {
  "/editor/sign-in": to("/editor/sign-in"),
  "/editor/sign-in/code": to("/editor/sign-in/code"),
};
const signedInGroups: Record<string, Record<string, Open>> = {
  stories: {
    "/editor": to("/editor"),
    "/editor/stories/new": to("/editor/stories/new"),
    "/editor/stories/[id]": to((ids) => ids.storyEditUrl),
    "/editor/stories/[id]/revisions": to((ids) => `${ids.storyEditUrl}/revisions`),
  },
  "media and authors": {
    "/editor/media": to("/editor/media"),
    "/editor/media/[id]": firstLink("/editor/media", /^\/editor\/media\/\d+$/),
    "/editor/authors": to("/editor/authors"),
    "/editor/authors/[id]": firstLink("/editor/authors", /^\/editor\/authors\/\d+$/),
  },
  people: {
    "/editor/people": to("/editor/people"),
    "/editor/people/[id]": firstLink("/editor/people", /^\/editor\/people\/\d+$/),
    "/editor/invite/[token]": to((ids) => ids.invitationLink),
    "/editor/reset/[token]": to((ids) => ids.resetLink),
  },
  "account, audit and trash": {
    "/editor/account": to("/editor/account"),
    "/editor/two-factor": to("/editor/two-factor"),
    "/editor/audit": to("/editor/audit"),
    "/editor/trash": to("/editor/trash"),
  },
  desks: {
    "/editor/sections": to("/editor/sections"),
    "/editor/front-page": to("/editor/front-page"),
    "/editor/live": to("/editor/live"),
    "/editor/live/shows/[id]": firstLink("/editor/live", /^\/editor\/live\/shows\/\d+$/),
  },
  "comments and settings": {
    "/editor/comments": to("/editor/comments"),
    "/editor/settings": to("/editor/settings"),
  },
};

/** Opens each page and collects its findings, light then dark, without loading it again. */
async function findings(page: Page, pages: Record<string, Open>, ids: Ids): Promise<string[]> {
  const found: string[] = [];
  for (const [route, open] of Object.entries(pages)) {
    await test.step(route, async () => {
      await open(page, ids);
      await expect(page.locator("main").first()).toBeVisible();
      await page.emulateMedia({ colorScheme: "light" });
      found.push(...(await seriousAxeViolations(page)).map((finding) => `${route} (light) ${finding}`));
      await page.emulateMedia({ colorScheme: "dark" });
      found.push(...(await seriousAxeViolations(page, COLOUR_RULES)).map((finding) => `${route} (dark) ${finding}`));
    });
  }
  return found;
}

/** The links and the story the pages with an id show: made for the test that opens them. */
async function idsFor(group: string, page: Page, stories: StoryFactory): Promise<Ids> {
  const ids: Ids = { storyEditUrl: "", invitationLink: "", resetLink: "" };
  if (group === "stories") {
    const story = await stories.create({ headline: "Checking every newsroom page with axe", paragraphs: ["A first version."] });
    await stories.update(story.id, { deck: "A second version, so there are revisions to compare." });
    ids.storyEditUrl = story.editUrl;
  }
  if (group === "people") {
    ids.invitationLink = await makeInvitation(page, { name: `Ivo Invited ${uniqueSuffix()}`, email: `axe-invite-${uniqueSuffix()}@e2e.test` });
    await page.reload();
    await page.getByRole("button", { name: `Password reset link for ${RESET_PAGE_PERSON.name}` }).click();
    ids.resetLink = (await page.locator("code").filter({ hasText: "/editor/reset/" }).textContent())!;
  }
  return ids;
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the sign-in pages have no serious or critical axe violations, in light and dark", async ({ page }) => {
    expect(await findings(page, signedOutPages, { storyEditUrl: "", invitationLink: "", resetLink: "" })).toEqual([]);
  });
});

test.describe("as an admin", () => {
  const signedIn = test.extend<object, { adminState: StorageState }>({
    adminState: [
      async ({}, provide, workerInfo) => {
        const request = await playwrightRequest.newContext({ baseURL: workerInfo.project.use.baseURL });
        expect((await postCredentials(request, E2E_ADMIN)).ok()).toBe(true);
        await provide(await request.storageState());
        await request.dispose();
      },
      { scope: "worker" },
    ],
    storageState: ({ adminState }, provide) => provide(adminState),
  });
  for (const [group, pages] of Object.entries(signedInGroups)) {
    signedIn(`the ${group} pages have no serious or critical axe violations, in light and dark`, async ({ page, stories }) => {
      // Axe takes seconds a page; on a machine busy with other work, tens of seconds.
      test.setTimeout(300_000);
      const ids = await idsFor(group, page, stories);
      expect(await findings(page, pages, ids)).toEqual([]);
    });
  }
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
  const listed = [signedOutPages, ...Object.values(signedInGroups)].flatMap((pages) => Object.keys(pages));
  expect(routes.sort()).toEqual(listed.sort());
});
