import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { newsArticleData } from "@/lib/seo/news-article";
import { listStoryPage } from "@/lib/sitemaps/queries";
import { createStory, saveStory } from "./commands";
import { getPublishedArticle } from "./queries";
import { publishStory } from "./workflow";

// "Updated" is for edits readers can see (./reader-changes.ts): a published story's revisedAt
// moves for those and stays for the rest, and the sitemap's lastmod and NewsArticle's
// dateModified follow it.

let test: TestDatabase;
let editor: CurrentUser;
let base: Record<string, unknown>;
let other: { sectionId: number; authorId: number; relatedId: number };
let counter = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  const sectionId = await createSection(test.db, "news/us", "U.S.");
  const authorId = await createAuthor(test.db, "Sam Writer");
  editor = asCurrent(await createUser({ email: "e@test.test", name: "Eve Editor", role: "editor", password: "a-long-test-password" }));
  base = { headline: "Harbor plan", deck: "The council votes.", sectionId, authorIds: [authorId], tags: ["Harbor", "Council"], body: documentOf("One.", "Two."), heroCaption: "The harbor." };
  const related = await createStory(editor, { ...base, slug: "related-one" });
  other = { sectionId: await createSection(test.db, "sport", "Sport"), authorId: await createAuthor(test.db, "Ann Other"), relatedId: related.id };
  base.relatedIds = [related.id];
});

afterAll(async () => {
  await test.dispose();
});

/** A published story, and a save of it with `changes`: its row afterwards. */
async function publishedThenSaved(changes: Record<string, unknown>) {
  const slug = `story-${++counter}`;
  const { id } = await createStory(editor, { ...base, slug });
  await publishStory(editor, id);
  const [current] = await test.db.select({ revision: stories.revision }).from(stories).where(eq(stories.id, id));
  await saveStory(editor, id, { ...base, slug, ...changes }, current!.revision);
  const [row] = await test.db.select().from(stories).where(eq(stories.id, id));
  return row!;
}

describe("a save of a published story", () => {
  it.each<[string, () => Record<string, unknown>]>([
    ["nothing changed", () => ({})],
    ["the SEO title and description", () => ({ seoTitle: "Harbor plan: what it means", seoDescription: "For search." })],
    ["the slug", () => ({ slug: `renamed-${counter}` })],
    ["comments closed", () => ({ commentsOpen: false })],
    ["a tag spelled another way (the same tag)", () => ({ tags: ["harbor", "Council"] })],
    ["a byline listed twice (stored once)", () => ({ authorIds: [...(base.authorIds as number[]), ...(base.authorIds as number[])] })],
  ])("is not an update readers see: %s", async (_name, changes) => {
    const row = await publishedThenSaved(changes());
    expect(row.revisedAt).toBeNull();
  });

  it.each<[string, () => Record<string, unknown>]>([
    ["the headline", () => ({ headline: "Harbor plan approved" })],
    ["the deck", () => ({ deck: "The council voted." })],
    ["a word of the body", () => ({ body: documentOf("One.", "Three.") })],
    ["the section", () => ({ sectionId: other.sectionId })],
    ["a byline", () => ({ authorIds: [...(base.authorIds as number[]), other.authorId] })],
    ["a tag", () => ({ tags: ["Harbor"] })],
    ["the order of the tags", () => ({ tags: ["Council", "Harbor"] })],
    ["the related stories", () => ({ relatedIds: [] })],
    ["the hero caption", () => ({ heroCaption: "The harbor at dawn." })],
  ])("is an update readers see: %s", async (_name, changes) => {
    const row = await publishedThenSaved(changes());
    expect(row.revisedAt).not.toBeNull();
    expect(row.revisedAt!.getTime()).toBeGreaterThanOrEqual(row.publishedAt!.getTime());
  });

  it("moves the sitemap's lastmod and NewsArticle's dateModified only for an update readers see", async () => {
    const quiet = await publishedThenSaved({ seoTitle: "Only for search engines" });
    const seen = await publishedThenSaved({ headline: "Harbor plan, amended" });
    const sitemap = new Map((await listStoryPage(1)).map((entry) => [entry.path, entry.lastModified]));
    expect(sitemap.get(`/news/us/${quiet.slug}`)).toBe(quiet.publishedAt!.toISOString());
    expect(sitemap.get(`/news/us/${seen.slug}`)).toBe(seen.revisedAt!.toISOString());
    const dateModified = async (id: number) => newsArticleData((await getPublishedArticle(id))!, "https://example.test/a", "Site", "https://example.test").dateModified;
    expect(await dateModified(quiet.id)).toBe(quiet.publishedAt!.toISOString());
    expect(await dateModified(seen.id)).toBe(seen.revisedAt!.toISOString());
  });
});
