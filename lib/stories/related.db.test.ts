import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relatedStories, stories, storyTags, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { getArticleForPreview, getPublishedArticle, RELATED_COUNT } from "./queries";

// The article's related stories: the editor's picks first, then the stories closest to it —
// tags shared, then the same section — weighted by recency; never itself, never a story readers
// may not see.

const DAY = 86_400_000;
let t: TestDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const home = await createSection(db, "home-desk", "Home desk");
  const away = await createSection(db, "away-desk", "Away desk");
  const [first, second] = await db
    .insert(tags)
    .values([{ slug: "harbour", name: "Harbour" }, { slug: "ferries", name: "Ferries" }])
    .returning({ id: tags.id });
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  const make = async (name: string, sectionId: number, tagIds: number[], values: Omit<Parameters<typeof createStory>[1], "sectionId">) => {
    const { id } = await createStory(db, { sectionId, slug: `related-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, ...values });
    if (tagIds.length) await db.insert(storyTags).values(tagIds.map((tagId, position) => ({ storyId: id, tagId, position })));
    ids[name] = id;
  };
  await make("subject", home, [first!.id, second!.id], { publishedAt: ago(1) });
  // Both tags, another section, two days old: the closest.
  await make("bothTags", away, [first!.id, second!.id], { publishedAt: ago(2) });
  // One tag, another section, a day old.
  await make("oneTag", away, [first!.id], { publishedAt: ago(1) });
  // No tag in common, the same section, an hour old.
  await make("sameSection", home, [], { publishedAt: ago(1 / 24) });
  // A tag and the section, but 200 days old: recency weighs it down below the hour-old one.
  await make("old", home, [first!.id], { publishedAt: ago(200) });
  // Neither a tag nor the section: never related by itself.
  await make("unrelated", away, [], { publishedAt: ago(1 / 24) });
  // The editor's pick: nothing in common, shown first all the same.
  await make("pick", away, [], { publishedAt: ago(30) });
  // As close as can be, but readers may not see them.
  await make("draft", home, [first!.id, second!.id], { status: "draft", publishedAt: null });
  await make("embargoed", home, [first!.id, second!.id], { publishedAt: new Date(Date.now() + DAY) });
  await make("withdrawn", home, [first!.id, second!.id], { status: "unpublished", publishedAt: ago(1) });
});
afterAll(() => t.dispose());

const names = (related: { id: number }[] | undefined) =>
  (related ?? []).map((story) => Object.keys(ids).find((name) => ids[name] === story.id) ?? `#${story.id}`);

describe("related stories", () => {
  it("ranks shared tags, then the section, weighted by recency, without the story itself or what readers may not see", async () => {
    const article = await getPublishedArticle(ids.subject!);
    expect(RELATED_COUNT).toBe(4);
    expect(names(article?.related)).toEqual(["bothTags", "oneTag", "sameSection", "old"]);
  });

  it("puts the editor's picks first and does not repeat them", async () => {
    await t.db.insert(relatedStories).values([
      { storyId: ids.subject!, relatedId: ids.pick!, position: 0 },
      { storyId: ids.subject!, relatedId: ids.oneTag!, position: 1 },
    ]);
    try {
      expect(names((await getPublishedArticle(ids.subject!))?.related)).toEqual(["pick", "oneTag", "bothTags", "sameSection"]);
    } finally {
      await t.db.delete(relatedStories).where(eq(relatedStories.storyId, ids.subject!));
    }
  });

  it("leaves a story that stops being published out at once", async () => {
    await t.db.update(stories).set({ status: "unpublished" }).where(eq(stories.id, ids.bothTags!));
    try {
      expect(names((await getPublishedArticle(ids.subject!))?.related)).toEqual(["oneTag", "sameSection", "old"]);
    } finally {
      await t.db.update(stories).set({ status: "published" }).where(eq(stories.id, ids.bothTags!));
    }
  });

  it("shows a draft's preview the published stories close to it", async () => {
    const preview = await getArticleForPreview(ids.draft!);
    expect(names(preview?.related)).toEqual(["subject", "bothTags", "oneTag", "sameSection"]);
  });
});
