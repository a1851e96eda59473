import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, createStory, documentOf } from "@/lib/testing/fixtures";
import { comments, corrections, relatedStories, stories, storyTags, tags } from "@/db/schema";
import { listApprovedComments } from "@/lib/comments/queries";
import { saveCommentSettings } from "@/lib/comments/settings";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { relatedStoryIds } from "./document";
import { getStoryForEditing, findHeadlinesByIds } from "./editor-queries";
import {
  getArticleForPreview,
  getPublishedArticle,
  getStorySummaries,
  isPublishedStoryInList,
  listPublishedStories,
  lookupStorySlug,
} from "./queries";

let test: TestDatabase;
let news: number;
let us: number;
let world: number;
const publishedIds: number[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  news = await createSection(db, "news", "News");
  us = await createSection(db, "news/us", "U.S.");
  world = await createSection(db, "news/world", "World");
  // 25 published stories, one per hour, alternating between U.S. and World; two share a timestamp
  // so the id breaks the tie.
  const base = Date.UTC(2026, 9, 1, 12);
  for (let i = 0; i < 25; i++) {
    const publishedAt = new Date(base + (i === 24 ? 23 : i) * 3_600_000);
    const { id } = await createStory(db, { sectionId: i % 2 ? world : us, slug: `story-${i}`, publishedAt });
    publishedIds.push(id);
  }
  await createStory(db, { sectionId: us, slug: "a-draft", status: "draft", publishedAt: null });
  await createStory(db, { sectionId: us, slug: "withdrawn", status: "unpublished" });
  await createStory(db, {
    sectionId: us,
    slug: "embargoed",
    status: "published",
    publishedAt: new Date(Date.now() + 86_400_000),
  });
});

afterAll(async () => {
  await test.dispose();
});

describe("listPublishedStories", () => {
  it("walks every published story newest first, by keyset, without gaps or repeats", async () => {
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = await listPublishedStories({ limit: 10, before, sectionIds: [news, us, world] });
      seen.push(...page.stories.map((story) => story.id));
      before = page.nextCursor ?? undefined;
      pages++;
    } while (before !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    const expected = [...publishedIds].sort((a, b) => {
      const ta = Math.min(publishedIds.indexOf(a), 23);
      const tb = Math.min(publishedIds.indexOf(b), 23);
      return tb - ta || b - a;
    });
    expect(seen).toEqual(expected);
  });

  it("keeps to the sections asked for", async () => {
    const page = await listPublishedStories({ limit: 50, sectionIds: [world] });
    expect(page.stories).toHaveLength(12);
    expect(page.stories.every((story) => story.sectionPath === "news/world")).toBe(true);
    expect(page.nextCursor).toBeNull();
  });

  it("never lists drafts, unpublished or future stories", async () => {
    const page = await listPublishedStories({ limit: 100 });
    const slugs = page.stories.map((story) => story.slug);
    expect(slugs).not.toContain("a-draft");
    expect(slugs).not.toContain("withdrawn");
    expect(slugs).not.toContain("embargoed");
  });

  it("builds article paths from the section path", async () => {
    const [card] = await getStorySummaries([publishedIds[0]!]);
    expect(card?.path).toBe("/news/us/story-0");
  });
});

describe("cursor validation", () => {
  it("accepts only a published story inside the sections", async () => {
    expect(await isPublishedStoryInList(publishedIds[0]!, { sectionIds: [us] })).toBe(true);
    expect(await isPublishedStoryInList(publishedIds[0]!, { sectionIds: [world] })).toBe(false);
    expect(await isPublishedStoryInList(999_999, { sectionIds: [us, world] })).toBe(false);
  });
});

describe("lookupStorySlug", () => {
  it.each([
    ["story-3", "published"],
    ["withdrawn", "gone"],
    ["a-draft", "missing"],
    ["embargoed", "missing"],
    ["no-such-story", "missing"],
  ])("%s is %s", async (slug, state) => {
    expect((await lookupStorySlug(slug)).state).toBe(state);
  });
});

describe("getPublishedArticle", () => {
  it("returns bylines in order, related stories and inline related cards", async () => {
    const db = test.db;
    const first = await createAuthor(db, "First Writer");
    const second = await createAuthor(db, "Second Writer");
    const target = publishedIds[5]!;
    const { id } = await createStory(
      db,
      { sectionId: us, slug: "with-extras" },
      { authorIds: [second, first] },
    );
    await db
      .update(stories)
      .set({
        body: {
          type: "doc",
          content: [...documentOf("One.").content, { type: "relatedStory", attrs: { storyId: target } }],
        },
      })
      .where(eq(stories.id, id));
    await db.insert(relatedStories).values([
      { storyId: id, relatedId: publishedIds[1]!, position: 1 },
      { storyId: id, relatedId: publishedIds[2]!, position: 0 },
    ]);

    const article = await getPublishedArticle(id);
    expect(article?.bylines.map((b) => b.name)).toEqual(["Second Writer", "First Writer"]);
    // The editor's picks first, in their order; closer stories fill the rest (./related.db.test.ts).
    expect(article?.related.map((r) => r.id).slice(0, 2)).toEqual([publishedIds[2], publishedIds[1]]);
    expect(article?.inlineRelated[target]?.slug).toBe("story-5");
    expect(article?.commentCount).toBe(0);
  });

  it("reads the thread, counts, tags, corrections and related cards as the separate reads do", async () => {
    const db = test.db;
    const publishedAt = new Date(Date.now() - 3 * 86_400_000);
    const { id } = await createStory(db, { sectionId: world, slug: "with-everything", publishedAt });
    const [late, early] = await db
      .insert(tags)
      .values([{ slug: "late-tag", name: "Late" }, { slug: "early-tag", name: "Early" }])
      .returning({ id: tags.id });
    await db.insert(storyTags).values([
      { storyId: id, tagId: late!.id, position: 1 },
      { storyId: id, tagId: early!.id, position: 0 },
    ]);
    await db.insert(corrections).values([
      { storyId: id, note: "Second fix.", createdAt: new Date(Date.UTC(2026, 9, 3, 8, 0, 0, 7)) },
      { storyId: id, note: "First fix.", createdAt: new Date(Date.UTC(2026, 9, 2, 8)) },
    ]);
    // Related: a published story, an unpublished one (left out), in their positions.
    const [withdrawn] = await db.select({ id: stories.id }).from(stories).where(eq(stories.slug, "withdrawn"));
    await db.insert(relatedStories).values([
      { storyId: id, relatedId: publishedIds[3]!, position: 2 },
      { storyId: id, relatedId: withdrawn!.id, position: 0 },
      { storyId: id, relatedId: publishedIds[4]!, position: 1 },
    ]);
    const at = (minutes: number) => new Date(Date.UTC(2026, 9, 2, 9, minutes));
    const [first, second] = await db
      .insert(comments)
      .values([
        { storyId: id, status: "approved", authorName: "Ann", body: "First.", createdAt: at(1) },
        { storyId: id, status: "approved", authorName: "Bo", body: "Second.", createdAt: at(2) },
      ])
      .returning({ id: comments.id });
    await db.insert(comments).values([
      { storyId: id, status: "approved", authorName: "Cy", body: "A later reply.", createdAt: at(9), parentId: first!.id },
      { storyId: id, status: "approved", authorName: "Di", body: "An earlier reply.", createdAt: at(3), parentId: first!.id },
      { storyId: id, status: "pending", authorName: "Ed", body: "Held.", createdAt: at(4) },
      { storyId: id, status: "spam", authorName: "Fa", body: "Spam reply.", createdAt: at(5), parentId: second!.id },
      { storyId: id, status: "approved", authorName: "Gu", body: "Same minute as Bo.", createdAt: at(2) },
    ]);
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 2, blockedWords: [] });

    const article = await getPublishedArticle(id);
    expect(article?.thread).toEqual((await listApprovedComments(id, { limit: 500 })).comments);
    expect(article?.thread.map((c) => [c.name, c.replies.map((r) => r.name)])).toEqual([["Ann", ["Di", "Cy"]], ["Bo", []], ["Gu", []]]);
    expect(article?.commentCount).toBe(5);
    expect(article?.tags).toEqual([{ name: "Early", slug: "early-tag" }, { name: "Late", slug: "late-tag" }]);
    expect(article?.corrections).toEqual([
      { note: "First fix.", createdAt: "2026-10-02T08:00:00.000Z" },
      { note: "Second fix.", createdAt: "2026-10-03T08:00:00.007Z" },
    ]);
    expect(article?.related.slice(0, 2)).toEqual(await getStorySummaries([publishedIds[4]!, publishedIds[3]!]));
    // Published three days ago; the settings close comments after two.
    expect(article?.commentsOpen).toBe(false);
    await saveCommentSettings({ premoderation: "none", closeAfterDays: 14, blockedWords: [] });
    expect((await getPublishedArticle(id))?.commentsOpen).toBe(true);
  });

  it("returns null for stories readers cannot see", async () => {
    const [draft] = await test.db.select({ id: stories.id }).from(stories).where(eq(stories.slug, "a-draft"));
    expect(await getPublishedArticle(draft!.id)).toBeNull();
  });

  it("renders a body stored before ids were bounded, leaving out what no row can be", async () => {
    // Saved through an older version: nothing validates it on the way out of the database.
    const far = 2 ** 31;
    const body = {
      type: "doc" as const,
      content: [
        ...documentOf("Still here.").content,
        { type: "relatedStory" as const, attrs: { storyId: far } },
        { type: "relatedStory" as const, attrs: { storyId: publishedIds[0]! } },
        { type: "image" as const, attrs: { mediaId: 1e21, alt: "Lost" } },
      ],
    };
    const { id } = await createStory(test.db, { sectionId: us, slug: "old-far-ids", body });
    const article = await getPublishedArticle(id);
    expect(article?.body).toEqual(body);
    expect(Object.keys(article!.inlineRelated)).toEqual([String(publishedIds[0])]);
    expect(article!.bodyMedia).toEqual({});
    expect(await getArticleForPreview(id)).not.toBeNull();
    const editing = await getStoryForEditing(id);
    expect([...(await findHeadlinesByIds(relatedStoryIds(editing!.body))).keys()]).toEqual([publishedIds[0]]);
  });
});
