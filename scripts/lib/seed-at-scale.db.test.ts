import { and, count, countDistinct, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authors, comments, stories, storyAuthors, storyTags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { storyDocumentSchema } from "@/lib/stories/document";
import { storySearchMatch } from "@/lib/stories/search-vector";
import { publishedNow } from "@/lib/stories/visibility";
import { SCALE_AUTHORS, SCALE_TAGS, seedAtScale } from "./seed-at-scale";

// The archive the measurements run on must be what the public reads see: published stories
// with valid bodies, bylines and tags, spread over years, a few in the news sitemap's window.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedAtScale(t.db, { stories: 60, force: false });
});
afterAll(() => t.dispose());

describe("seedAtScale", () => {
  it("writes the stories asked for, every one visible to readers, with a body the editor accepts", async () => {
    const [visible] = await t.db.select({ n: count() }).from(stories).where(publishedNow);
    expect(visible?.n).toBe(60);
    const rows = await t.db.select({ body: stories.body, slug: stories.slug }).from(stories);
    expect(new Set(rows.map((row) => row.slug)).size).toBe(60);
    for (const row of rows) expect(storyDocumentSchema.safeParse(row.body).success).toBe(true);
  });

  it("gives each story 1–3 tags and 1–2 authors from the generated sets", async () => {
    const perStory = async (table: typeof storyTags | typeof storyAuthors) =>
      t.db.select({ n: count() }).from(table).groupBy(table.storyId);
    const tagCounts = (await perStory(storyTags)).map((row) => row.n);
    const authorCounts = (await perStory(storyAuthors)).map((row) => row.n);
    expect(tagCounts).toHaveLength(60);
    expect(authorCounts).toHaveLength(60);
    expect(Math.min(...tagCounts)).toBe(1);
    expect(Math.max(...tagCounts)).toBe(3);
    expect(Math.min(...authorCounts)).toBe(1);
    expect(Math.max(...authorCounts)).toBe(2);
    const [tags] = await t.db.select({ n: countDistinct(storyTags.tagId) }).from(storyTags);
    expect(tags!.n).toBeLessThanOrEqual(SCALE_TAGS);
    const [authors] = await t.db.select({ n: countDistinct(storyAuthors.authorId) }).from(storyAuthors);
    expect(authors!.n).toBeLessThanOrEqual(SCALE_AUTHORS);
  });

  it("writes every story's search words: found by a phrase of its body and by its byline", async () => {
    const [unwritten] = await t.db.select({ n: count() }).from(stories).where(sql`${stories.searchVector} = ''::tsvector`);
    expect(unwritten!.n).toBe(0);
    const [story] = await t.db
      .select({ id: stories.id, byline: authors.name })
      .from(stories)
      .innerJoin(storyAuthors, eq(storyAuthors.storyId, stories.id))
      .innerJoin(authors, eq(authors.id, storyAuthors.authorId))
      .where(eq(stories.slug, "scale-story-17"));
    const found = async (q: string) => (await t.db.select({ id: stories.id }).from(stories).where(await storySearchMatch(t.db, q))).map((row) => row.id);
    expect(await found('"second paragraph of scale story 17"')).toEqual([story!.id]);
    expect(await found(`"${story!.byline}" "story 17"`)).toEqual([story!.id]);
  });

  it("spreads publication over years, newest last by id, with the newest within the last 48 hours", async () => {
    const [span] = await t.db
      .select({
        oldest: sql<string>`min(${stories.publishedAt})::text`,
        recent: sql<number>`count(*) filter (where ${stories.publishedAt} > now() - interval '48 hours')::int`,
        outOfOrder: sql<number>`count(*) filter (where ${stories.publishedAt} < (select max(p.published_at) from stories p where p.id < ${stories.id}))::int`,
      })
      .from(stories);
    expect(Date.now() - Date.parse(span!.oldest)).toBeGreaterThan(9 * 365 * 24 * 3600 * 1000);
    expect(span!.recent).toBeGreaterThanOrEqual(1);
    expect(span!.outOfOrder).toBe(0);
  });

  it("adds about the comments asked for to each new story: replies under their own story, some pending", async () => {
    await seedAtScale(t.db, { stories: 40, force: true, comments: 10 });
    const [figures] = await t.db
      .select({
        total: count(),
        stories: countDistinct(comments.storyId),
        replies: sql<number>`count(*) filter (where ${comments.parentId} is not null)::int`,
        pending: sql<number>`count(*) filter (where ${comments.status} = 'pending')::int`,
        strayReplies: sql<number>`count(*) filter (where ${comments.parentId} is not null and (select p.story_id from comments p where p.id = ${comments.parentId}) <> ${comments.storyId})::int`,
        early: sql<number>`count(*) filter (where ${comments.createdAt} < (select s.published_at from stories s where s.id = ${comments.storyId}))::int`,
      })
      .from(comments);
    expect(figures!.stories).toBe(40);
    expect(figures!.total).toBeGreaterThanOrEqual(40 * 8);
    expect(figures!.total).toBeLessThanOrEqual(40 * 12);
    expect(figures!.replies).toBeGreaterThan(0);
    expect(figures!.pending).toBeGreaterThan(0);
    expect(figures!.strayReplies).toBe(0);
    expect(figures!.early).toBe(0);
    // Only the new stories got comments.
    const [old] = await t.db.select({ n: count() }).from(comments).where(sql`${comments.storyId} <= 60`);
    expect(old!.n).toBe(0);
  });

  it("refuses a database that has stories, and adds more with force", async () => {
    await expect(seedAtScale(t.db, { stories: 5, force: false })).rejects.toThrow(/already has 100 stories/);
    await seedAtScale(t.db, { stories: 5, force: true });
    const [all] = await t.db.select({ n: count() }).from(stories).where(and(publishedNow, eq(stories.status, "published")));
    expect(all?.n).toBe(105);
  });
});
