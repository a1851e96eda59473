import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stories, storyAuthors, storyTags, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { listFeedStories } from "@/lib/feeds/queries";
import { listTaxonomyPage } from "@/lib/sitemaps/queries";
import { asCurrent, createAuthor, createSection, createStory as insertStory, documentOf } from "@/lib/testing/fixtures";
import { createStory, saveStory } from "./commands";
import { listPublishedStories } from "./queries";
import { addCorrection, publishDueStories, publishStory, scheduleStory, unpublishStory } from "./workflow";

// The publication copies on a story's links to tags and authors (db/schema.ts, publicationCopies;
// kept by migration 0008's triggers): every write that changes what readers see of a story —
// publishing, pulling, the scheduled sweeper, corrections and saves, retagging, deleting — leaves
// each link with the story's publishedAt and latest change while it is published, nulls
// otherwise; and the tag and author lists, feeds and sitemaps read from them follow at once.

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let section: number;
let authorId: number;

function input(tagNames: string[], overrides: Record<string, unknown> = {}) {
  return {
    headline: `Harbor wall, part ${Math.random().toString(36).slice(2, 8)}`,
    deck: "The vote ends a two-year debate.",
    sectionId: section,
    authorIds: [authorId],
    tags: tagNames,
    body: documentOf("The council voted on Tuesday."),
    ...overrides,
  };
}

/** What each link of the story carries, and what it should carry by the story's row. */
async function copies(storyId: number) {
  const [story] = await test.db.select().from(stories).where(eq(stories.id, storyId));
  const published = story!.status === "published";
  const expected = {
    publishedAt: published ? story!.publishedAt : null,
    changedAt: published ? ([story!.publishedAt, story!.revisedAt].filter(Boolean) as Date[]).sort((a, b) => b.getTime() - a.getTime())[0]! : null,
  };
  const links = [
    ...(await test.db.select({ publishedAt: storyTags.publishedAt, changedAt: storyTags.changedAt }).from(storyTags).where(eq(storyTags.storyId, storyId))),
    ...(await test.db.select({ publishedAt: storyAuthors.publishedAt, changedAt: storyAuthors.changedAt }).from(storyAuthors).where(eq(storyAuthors.storyId, storyId))),
  ];
  return { links, expected };
}

async function expectCopiesKept(storyId: number, published: boolean) {
  const { links, expected } = await copies(storyId);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(link).toEqual(expected);
  expect(expected.publishedAt !== null).toBe(published);
}

async function tagId(slug: string): Promise<number> {
  const [row] = await test.db.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug));
  return row!.id;
}

const tagListIds = async (slug: string) => (await listPublishedStories({ tagId: await tagId(slug), limit: 10 }, test.db)).stories.map((s) => s.id);
const tagFeedIds = async (slug: string) => (await listFeedStories({ kind: "tag", tagId: await tagId(slug) }, test.db)).map((s) => s.id);
const sitemapEntry = async (slug: string) => (await listTaxonomyPage("tags", 1, undefined, test.db)).find((entry) => entry.path === `/tags/${slug}`);

beforeAll(async () => {
  test = await createTestDatabase();
  section = await createSection(test.db, "news", "News");
  authorId = await createAuthor(test.db, "Pat Reporter");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "copies-editor@test.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "copies-writer@test.test", name: "Wren Writer", role: "writer", password }));
});

afterAll(() => test.dispose());

describe("a story's links carry its publication", () => {
  it("from draft through publish, correction, save, unpublish and republish", async () => {
    const { id } = await createStory(writer, input(["Harbor"]));
    await expectCopiesKept(id, false);
    expect(await tagListIds("harbor")).toEqual([]);
    expect(await sitemapEntry("harbor")).toBeUndefined();

    await publishStory(editor, id);
    await expectCopiesKept(id, true);
    expect(await tagListIds("harbor")).toEqual([id]);
    expect(await tagFeedIds("harbor")).toEqual([id]);
    const published = (await copies(id)).expected.publishedAt!;
    expect(await sitemapEntry("harbor")).toEqual({ path: "/tags/harbor", lastModified: published.toISOString() });

    const corrected = await addCorrection(editor, id, "An earlier version misnamed the council.");
    await expectCopiesKept(id, true);
    expect((await sitemapEntry("harbor"))?.lastModified).toBe(corrected.revisedAt!.toISOString());

    const saved = await saveStory(editor, id, input(["Harbor"]), corrected.revision);
    await expectCopiesKept(id, true);
    const [afterSave] = await test.db.select({ revisedAt: stories.revisedAt }).from(stories).where(eq(stories.id, id));
    expect((await sitemapEntry("harbor"))?.lastModified).toBe(afterSave!.revisedAt!.toISOString());

    await unpublishStory(editor, id);
    await expectCopiesKept(id, false);
    expect(await tagListIds("harbor")).toEqual([]);
    expect(await tagFeedIds("harbor")).toEqual([]);
    expect(await sitemapEntry("harbor")).toBeUndefined();

    await publishStory(editor, id);
    await expectCopiesKept(id, true);
    expect(await tagListIds("harbor")).toEqual([id]);
    expect(saved.revision).toBeGreaterThan(1);
  });

  it("when the sweeper publishes a scheduled story", async () => {
    const { id } = await createStory(writer, input(["Tides"]));
    await scheduleStory(editor, id, new Date(Date.now() + 3_600_000));
    await expectCopiesKept(id, false);
    // Its time comes (moved back rather than waited for).
    await test.db.update(stories).set({ scheduledAt: new Date(Date.now() - 1_000) }).where(eq(stories.id, id));
    expect(await publishDueStories(test.db)).toContain(id);
    await expectCopiesKept(id, true);
    expect(await tagFeedIds("tides")).toEqual([id]);
  });

  it("when the story is retagged: the new links take the copy, the old tag loses the story", async () => {
    const { id } = await createStory(writer, input(["Old tag"]));
    const published = await publishStory(editor, id);
    expect(await tagListIds("old-tag")).toEqual([id]);
    await saveStory(editor, id, input(["New tag"]), published.revision);
    await expectCopiesKept(id, true);
    expect(await tagListIds("new-tag")).toEqual([id]);
    expect(await tagListIds("old-tag")).toEqual([]);
    expect(await sitemapEntry("old-tag")).toBeUndefined();
    expect(await sitemapEntry("new-tag")).toBeDefined();
  });

  it("when the story is deleted", async () => {
    const { id } = await createStory(writer, input(["Short lived"]));
    await publishStory(editor, id);
    expect(await sitemapEntry("short-lived")).toBeDefined();
    await test.db.delete(stories).where(eq(stories.id, id));
    expect(await tagListIds("short-lived")).toEqual([]);
    expect(await sitemapEntry("short-lived")).toBeUndefined();
  });

  it("keeps an embargoed story's copy but lists it only when its time has come", async () => {
    const { id: visible } = await insertStory(test.db, { sectionId: section, publishedAt: new Date(Date.now() - 3_600_000) }, { authorIds: [authorId] });
    const { id: embargoed } = await insertStory(test.db, { sectionId: section, publishedAt: new Date(Date.now() + 3_600_000) }, { authorIds: [authorId] });
    const [row] = await test.db.insert(tags).values({ slug: "embargo", name: "Embargo" }).returning({ id: tags.id });
    const embargo = row!.id;
    await test.db.insert(storyTags).values([
      { storyId: visible, tagId: embargo },
      { storyId: embargoed, tagId: embargo },
    ]);
    await expectCopiesKept(embargoed, true);
    expect(await tagListIds("embargo")).toEqual([visible]);
    const [visibleRow] = await test.db.select({ publishedAt: stories.publishedAt }).from(stories).where(eq(stories.id, visible));
    expect((await sitemapEntry("embargo"))?.lastModified).toBe(visibleRow!.publishedAt!.toISOString());
    // The embargo is brought forward to a time already past: the copy follows the story.
    await test.db.update(stories).set({ publishedAt: new Date(Date.now() - 60_000) }).where(eq(stories.id, embargoed));
    await expectCopiesKept(embargoed, true);
    expect(await tagListIds("embargo")).toEqual([embargoed, visible]);
  });
});
