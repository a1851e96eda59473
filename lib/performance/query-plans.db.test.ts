import { asc, eq, max, min, sql, type SQL } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { comments, storyAuthors, storyTags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { getPublishedAuthor } from "@/lib/authors/queries";
import { listApprovedComments } from "@/lib/comments/queries";
import { countPendingComments, listCommentedStories, listCommentsForModeration } from "@/lib/comments/moderation";
import { listFeedStories } from "@/lib/feeds/queries";
import { getSectionTree, sectionSubtreeIds } from "@/lib/sections/queries";
import {
  countStoryPages,
  countTaxonomyPages,
  listNewsEntries,
  listSectionEntries,
  listStoryPage,
  listTaxonomyPage,
} from "@/lib/sitemaps/queries";
import { listMediaPage } from "@/lib/media/queries";
import { listMostRead } from "@/lib/analytics/most-read";
import { countStoriesByStatus, listStoriesForDashboard, searchStoriesForPicker } from "@/lib/stories/editor-queries";
import { listTrash } from "@/lib/stories/trash";
import { getNeedsYou } from "@/lib/stories/needs-you";
import { getPublishedArticle, getStorySummaries, isPublishedStoryInList, listPublishedStories, lookupStorySlug } from "@/lib/stories/queries";
import { getPublishedTag } from "@/lib/tags/queries";
import { dailyViewsByStory, siteDailyViews, storyHourlyViews, topStoriesToday } from "@/lib/analytics/charts";
import { seedAtScale } from "@/scripts/lib/seed-at-scale";
import type { SearchRequest } from "@/lib/search/params";
import { searchStories } from "@/lib/search/queries";
import { refreshSearchWords, refreshSearchWordsStep, suggestSpelling } from "@/lib/search/suggestions";

// Flat cost from 1,000 to 100,000 stories (issue 12): every list query, public and newsroom, as
// the real query functions build it, is planned against a 100,000-story archive with comments,
// and must find its rows through an index. A sequential scan of stories or comments, or a sort
// fed more rows than a page's worth, is a query whose cost grows with the archive.
// QUERY_PLANS_REPORT=1 prints each statement's execution time (for the issue's before/after).

const STORIES = 100_000;
/** A sort may order what an index already narrowed down, never the archive. */
const MAX_SORTED_ROWS = 1_000;
const WATCHED = new Set(["stories", "comments", "media", "story_notes", "story_views"]);
const IMAGES = 100_000;
/** A year of readers' views: every hour, this many stories read in it (a different few each hour). */
const VIEW_HOURS = 365 * 24;
const STORIES_READ_AN_HOUR = 20;
/** The most rows of views one day holds in this seed (25 hours on the day clocks go back): every hour's few, and the busy stories' (one in 500). */
const A_DAYS_VIEW_ROWS = 25 * (STORIES_READ_AN_HOUR + STORIES / 500);
const SCENES = ["harbor", "market", "storm", "council", "ferry", "orchard", "stadium"];
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

let t: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let commented: number;
/** A story halfway down tag 7's list and one halfway down author 7's: cursors of deep pages. */
let midTagStory: number;
let midAuthorStory: number;
/** The first comment under `commented`: the cursor of the thread's next page. */
let firstComment: number;

/** Runs `read` and returns the statements it sent, with their parameters. */
async function statementsOf(read: () => Promise<unknown>): Promise<{ text: string; params: unknown[] }[]> {
  // Drizzle logs every statement through its session's logger; the test listens there, so the
  // SQL is the query functions' own, not a copy.
  const session = (t.db as unknown as { session: { logger: Logger } }).session;
  const previous = session.logger;
  const seen: { text: string; params: unknown[] }[] = [];
  session.logger = { logQuery: (text, params) => seen.push({ text, params }) };
  try {
    await read();
  } finally {
    session.logger = previous;
  }
  return seen;
}

/** The statement with its $n placeholders bound again as parameters. */
function bound(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)));
}

function touches(node: PlanNode): boolean {
  return WATCHED.has(node["Relation Name"] ?? "") || (node.Plans ?? []).some(touches);
}

/**
 * The public search may sort more: the GIN index gives a query's matches unordered, and the newest
 * CANDIDATES of them (lib/search/queries.ts) are picked by a top-N sort of the matches — bounded by
 * the query's own words, not the archive (a word in every story is read newest first instead).
 */
const MAX_SORTED_SEARCH_MATCHES = 10_000;

/** What is wrong with a plan: full scans and large sorts of the watched tables. */
function offences(node: PlanNode, maxSorted = MAX_SORTED_ROWS): string[] {
  const found: string[] = [];
  const relation = node["Relation Name"];
  if (node["Node Type"] === "Seq Scan" && relation && WATCHED.has(relation)) found.push(`Seq Scan on ${relation}`);
  if (node["Node Type"] === "Sort" && touches(node)) {
    const input = (node.Plans ?? []).reduce((sum, child) => sum + (child["Actual Rows"] ?? 0) * (child["Actual Loops"] ?? 1), 0);
    if (input > maxSorted) found.push(`Sort of ${input} rows`);
  }
  return [...found, ...(node.Plans ?? []).flatMap((child) => offences(child, maxSorted))];
}

async function planOf(db: Db, statement: SQL): Promise<{ plan: PlanNode; ms: number }> {
  const rows = (await db.execute(sql`explain (analyze, format json) ${statement}`)) as unknown as
    | { rows: Record<string, unknown>[] }
    | Record<string, unknown>[];
  const [row] = Array.isArray(rows) ? rows : rows.rows;
  const value = Object.values(row!)[0];
  const [explained] = (typeof value === "string" ? JSON.parse(value) : value) as { Plan: PlanNode; "Execution Time": number }[];
  return { plan: explained!.Plan, ms: explained!["Execution Time"] };
}

/** Every statement `read` sends, planned: the offences found, by statement. */
async function check(name: string, read: () => Promise<unknown>, maxSorted = MAX_SORTED_ROWS): Promise<string[]> {
  const statements = await statementsOf(read);
  expect(statements.length).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const [index, { text, params }] of statements.entries()) {
    if (!/^\s*select/i.test(text)) continue;
    const { plan, ms } = await planOf(t.db, bound(text, params));
    if (process.env.QUERY_PLANS_REPORT) console.info(`${t.driver}\t${name}#${index + 1}\t${ms.toFixed(2)} ms`);
    problems.push(...offences(plan, maxSorted).map((offence) => `${name}#${index + 1}: ${offence} in ${text}`));
  }
  return problems;
}

/** What `load` fills, by table: their indexes are built after it, as a restore builds them. */
const LOADED = ["stories", "story_tags", "story_authors", "comments", "story_notes", "media"];

/**
 * Runs `load` with the tables' plain indexes dropped, then creates them again from their own
 * definitions (pg_get_indexdef), so the plans below meet the schema's indexes as migrated, built in one
 * pass each. Filled row by row, they made the set-up several minutes on PGlite (100,000 stories
 * written twice: inserted, then given their search words; 100,000 images into a words index).
 * Unique indexes and those behind constraints stay: the load meets every rule of the schema.
 */
async function withIndexesBuiltAfter(db: Db, tables: string[], load: () => Promise<void>): Promise<void> {
  const result = (await db.execute(sql`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class r on r.oid = x.indrelid
    where r.relnamespace = current_schema()::regnamespace and r.relname in ${tables} and not x.indisunique
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`)) as unknown as { rows: { name: string; definition: string }[] } | { name: string; definition: string }[];
  const indexes = Array.isArray(result) ? result : result.rows;
  expect(indexes.length).toBeGreaterThan(10);
  for (const { name } of indexes) await db.execute(sql`drop index ${sql.identifier(name)}`);
  await load();
  for (const { definition } of indexes) await db.execute(sql.raw(definition));
}

beforeAll(async () => {
  t = await createTestDatabase();
  await withIndexesBuiltAfter(t.db, LOADED, async () => {
    await seedAtScale(t.db, { stories: STORIES, force: false });
    ({ editor, writer } = await createNewsroomUsers("plans", ["editor", "writer"]));
    // Comments in bulk: ten on every tenth story, one in three a reply, a few awaiting moderation
    // or marked as spam; the newest stories carry them, as on a live site.
    await t.db.execute(sql`
      insert into comments (story_id, status, author_name, body, created_at, approved_at)
      select s.id,
             (case when (s.id / 10 + c) % 23 = 0 then 'pending' when (s.id / 10 + c) % 17 = 0 then 'spam' else 'approved' end)::comment_status,
             'Reader ' || c, 'Comment ' || c || ' on story ' || s.id,
             s.published_at + c * interval '1 minute', s.published_at + c * interval '1 minute'
      from stories s cross join generate_series(1, 10) c
      where s.id % 10 = 0`);
    // Review notes on one story in ten, one in fifty still open.
    await t.db.execute(sql`
      insert into story_notes (story_id, author_id, body, created_at, resolved_at)
      select id, ${editor.id}, 'Needs a second source.', now() - id * interval '1 second',
             case when id % 500 = 0 then null else now() end
      from stories where id % 10 = 0`);
    // A media library as large as the archive: a scene word in each alt text (one in seven shares
    // it), an agency in the credit, a camera's file name. (Its words index is built after.)
    await t.db.execute(sql`
      insert into media (storage_key, mime_type, width, height, bytes, alt, caption, credit, file_name, created_at)
      select 'scale/' || i || '.jpg', 'image/jpeg', 1600, 900, 1000,
             'Scene ' || i || ' ' || (${sql.raw(`array[${SCENES.map((scene) => `'${scene}'`).join(", ")}]`)})[i % 7 + 1], '',
             'Photo: Agency ' || (i % 50), 'IMG_' || i || '.JPG', now() - (${IMAGES} - i) * interval '1 hour'
      from generate_series(1, ${IMAGES}) i`);
  });
  // Replies find their thread's first comment through the comments' indexes, built by now.
  await t.db.execute(sql`
    update comments r set parent_id = f.id
    from (select story_id, min(id) as id from comments group by story_id) f
    where f.story_id = r.story_id and r.id % 3 = 0 and r.id <> f.id`);
  // A few newsroom stories in other states, some by the writer.
  await t.db.execute(sql`
    update stories set status = (case when id % 2 = 0 then 'draft' else 'review' end)::story_status,
                       published_at = null, created_by_id = ${writer.id}
    where id % 997 = 0`);
  await t.db.execute(sql`update stories set submitted_at = now() - id * interval '1 second' where status = 'review'`);
  // Stories scheduled over the next three days.
  await t.db.execute(sql`
    update stories set status = 'scheduled', published_at = null, scheduled_at = now() + (id % 72) * interval '1 hour'
    where id % 1009 = 0`);
  // Views: one row per story per hour, as the view counter writes them. 7919 is prime to the
  // archive's size, so each hour's stories are spread over it and no (story, hour) repeats.
  await t.db.execute(sql`
    insert into story_views (story_id, hour, views)
    select 1 + ((h * ${STORIES_READ_AN_HOUR} + k) * 7919) % ${STORIES}, date_trunc('hour', now()) - h * interval '1 hour', 1 + (h + k) % 40
    from generate_series(0, ${VIEW_HOURS - 1}) h cross join generate_series(0, ${STORIES_READ_AN_HOUR - 1}) k`);
  // And one story in five hundred read every hour of the last two days (most read reads one of
  // them): with the stories above, ~680 stories read in a day, as a site's busiest hours might.
  await t.db.execute(sql`
    insert into story_views (story_id, hour, views)
    select s.id, date_trunc('hour', now()) - h * interval '1 hour', 1 + (s.id * 7 + h) % 40
    from stories s cross join generate_series(0, 47) h
    where s.id % 500 = 0
    on conflict do nothing`);
  // As autovacuum leaves a table of past hours' views: its pages all-visible, so a range of it is
  // read from the index alone (without this PostgreSQL scanned the whole table for a day's rows).
  await t.db.execute(sql`vacuum story_views`);
  await t.db.execute(sql`analyze`);
  const [row] = await t.db.select({ id: max(comments.storyId) }).from(comments);
  commented = row!.id!;
  const tagged = await t.db.select({ id: storyTags.storyId }).from(storyTags).where(eq(storyTags.tagId, 7)).orderBy(asc(storyTags.storyId));
  midTagStory = tagged[Math.floor(tagged.length / 2)]!.id;
  const bylined = await t.db.select({ id: storyAuthors.storyId }).from(storyAuthors).where(eq(storyAuthors.authorId, 7)).orderBy(asc(storyAuthors.storyId));
  midAuthorStory = bylined[Math.floor(bylined.length / 2)]!.id;
  const [first] = await t.db.select({ id: min(comments.id) }).from(comments).where(eq(comments.storyId, commented));
  firstComment = first!.id!;
}, 900_000);
afterAll(() => t.dispose());

describe("query plans at 100,000 stories", () => {
  it("public lists, feeds and the article read through indexes", async () => {
    const tree = await getSectionTree(t.db);
    const root = [...tree.roots].sort((a, b) => b.children.length - a.children.length)[0]!;
    const leaf = root.children[0] ?? root;
    const middle = STORIES / 2;
    const cases: [string, () => Promise<unknown>][] = [
      ["home latest", () => listPublishedStories({ limit: 13 }, t.db)],
      ["home section block", () => listPublishedStories({ sectionIds: sectionSubtreeIds(root), limit: 4, excludeIds: [STORIES, STORIES - 1] }, t.db)],
      ["section page", () => listPublishedStories({ sectionIds: sectionSubtreeIds(root), limit: 10 }, t.db)],
      ["leaf section page", () => listPublishedStories({ sectionIds: [leaf.id], limit: 10 }, t.db)],
      ["deep section page", () => listPublishedStories({ sectionIds: sectionSubtreeIds(root), limit: 10, before: middle + 1 }, t.db)],
      ["deep home page", () => listPublishedStories({ limit: 10, before: middle }, t.db)],
      ["tag page", () => listPublishedStories({ tagId: 7, limit: 10 }, t.db)],
      ["author page", () => listPublishedStories({ authorId: 7, limit: 10 }, t.db)],
      ["deep tag page", () => listPublishedStories({ tagId: 7, limit: 10, before: midTagStory }, t.db)],
      ["deep author page", () => listPublishedStories({ authorId: 7, limit: 10, before: midAuthorStory }, t.db)],
      ["tag page cursor", () => isPublishedStoryInList(midTagStory, { tagId: 7 }, t.db)],
      ["section page cursor", () => isPublishedStoryInList(middle, { sectionIds: sectionSubtreeIds(root) }, t.db)],
      ["site feed", () => listFeedStories({ kind: "site" }, t.db)],
      ["section feed", () => listFeedStories({ kind: "section", sectionIds: sectionSubtreeIds(root) }, t.db)],
      ["tag feed", () => listFeedStories({ kind: "tag", tagId: 7 }, t.db)],
      ["author feed", () => listFeedStories({ kind: "author", authorId: 7 }, t.db)],
      ["tag", () => getPublishedTag("scale-tag-7", t.db)],
      ["author", () => getPublishedAuthor("scale-author-7", t.db)],
      ["article address", () => lookupStorySlug(`scale-story-${commented}`, t.db)],
      // With its related stories: the editor's picks, then those sharing its tags and section.
      ["article", () => getPublishedArticle(commented, t.db)],
      ["most read", () => listMostRead({}, t.db)],
      ["related cards", () => getStorySummaries([middle, middle + 1, commented], t.db)],
      ["thread", () => listApprovedComments(commented, { limit: 50 }, t.db)],
      ["thread, older page", () => listApprovedComments(commented, { limit: 2, cursor: firstComment }, t.db)],
    ];
    const problems: string[] = [];
    for (const [name, read] of cases) problems.push(...(await check(name, read)));
    expect(problems).toEqual([]);
  });

  it("the public search and its suggestions read through indexes, ranking a bounded set", async () => {
    const tree = await getSectionTree(t.db);
    const root = [...tree.roots].sort((a, b) => b.children.length - a.children.length)[0]!;
    const started = performance.now();
    await refreshSearchWords(t.db);
    const step = performance.now();
    await refreshSearchWordsStep(t.db, Math.floor(Date.now() / 1000), STORIES / 2);
    if (process.env.QUERY_PLANS_REPORT) {
      console.info(`${t.driver}\tthe search words, a whole pass\t${(step - started).toFixed(0)} ms; one step of the sweep\t${(performance.now() - step).toFixed(0)} ms`);
    }
    const search = (request: Partial<SearchRequest>) => () => searchStories({ q: "", ...request }, tree, t.db);
    const cases: [string, () => Promise<unknown>][] = [
      ["public search, a rare word", search({ q: "4242" })],
      ["public search, a word in every story", search({ q: "paragraph" })],
      ["public search, a word in every story, deep page", search({ q: "paragraph", after: STORIES / 2 })],
      ["public search, a phrase and a minus", search({ q: '"second paragraph" -4242' })],
      ["public search, a byline in a section", search({ q: '"scale author 7"', section: root.path })],
      ["public search, an author and a month", search({ q: "generated", author: "scale-author-7", from: "2025-01-01", to: "2025-01-31" })],
      ["public search, no match", search({ q: "zeppelin" })],
      ["search suggestions", () => suggestSpelling("paragrph genrated", t.db)],
    ];
    const problems: string[] = [];
    for (const [name, read] of cases) problems.push(...(await check(name, read, MAX_SORTED_SEARCH_MATCHES)));
    expect(problems).toEqual([]);
  });

  it("sitemaps read through indexes", async () => {
    const cases: [string, () => Promise<unknown>][] = [
      ["sitemap index: stories", () => countStoryPages(undefined, t.db)],
      ["sitemap: stories page", () => listStoryPage(2, 1_000, t.db)],
      ["sitemap: sections", () => listSectionEntries(t.db)],
      ["sitemap index: tags", () => countTaxonomyPages("tags", undefined, t.db)],
      ["sitemap: tags page", () => listTaxonomyPage("tags", 1, undefined, t.db)],
      ["sitemap: authors page", () => listTaxonomyPage("authors", 1, undefined, t.db)],
      ["sitemap index: authors", () => countTaxonomyPages("authors", undefined, t.db)],
      ["news sitemap", () => listNewsEntries(new Date(), t.db)],
    ];
    const problems: string[] = [];
    for (const [name, read] of cases) problems.push(...(await check(name, read)));
    expect(problems).toEqual([]);
  });

  it("the newsroom's story list, story search, moderation queue, needs you, trash and media library read through indexes", async () => {
    const cases: [string, () => Promise<unknown>][] = [
      ["dashboard (editor)", () => listStoriesForDashboard(editor, {}, t.db)],
      ["dashboard (writer)", () => listStoriesForDashboard(writer, {}, t.db)],
      ["dashboard drafts", () => listStoriesForDashboard(editor, { status: "draft" }, t.db)],
      ["dashboard deep page", () => listStoriesForDashboard(editor, { before: STORIES / 2 }, t.db)],
      ["dashboard search", () => listStoriesForDashboard(editor, { q: "story 4242" }, t.db)],
      ["dashboard search, a body word in every story", () => listStoriesForDashboard(editor, { q: "paragraph" }, t.db)],
      ["dashboard search, a byline phrase and a status", () => listStoriesForDashboard(editor, { q: '"scale author 7" -4242', status: "draft" }, t.db)],
      ["dashboard status counts", () => countStoriesByStatus(editor, {}, t.db)],
      ["dashboard status counts of a search", () => countStoriesByStatus(editor, { q: "4242" }, t.db)],
      ["related-story picker", () => searchStoriesForPicker(editor, "story 4242", null, t.db)],
      ["moderation queue", () => listCommentsForModeration(editor, {}, t.db)],
      ["moderation queue, pending", () => listCommentsForModeration(editor, { status: "pending" }, t.db)],
      ["moderation queue, deep page", () => listCommentsForModeration(editor, { before: 5_000 }, t.db)],
      ["moderation queue of a story", () => listCommentsForModeration(editor, { storyId: commented }, t.db)],
      ["moderation queue (writer)", () => listCommentsForModeration(writer, {}, t.db)],
      ["commented stories", () => listCommentedStories(editor, t.db)],
      ["commented stories (writer)", () => listCommentedStories(writer, t.db)],
      ["pending badge (editor)", () => countPendingComments(editor, t.db)],
      ["pending badge (writer)", () => countPendingComments(writer, t.db)],
      ["needs you (editor)", () => getNeedsYou(editor, t.db)],
      ["needs you (writer)", () => getNeedsYou(writer, t.db)],
      ["trash (editor)", () => listTrash(editor, {}, t.db)],
      ["trash (writer)", () => listTrash(writer, {}, t.db)],
      ["media library", () => listMediaPage({ limit: 48 }, t.db)],
      ["media library, deep page", () => listMediaPage({ limit: 48, before: IMAGES / 2 }, t.db)],
      ["media search, common word", () => listMediaPage({ q: "harb", limit: 48 }, t.db)],
      ["media search, rare words", () => listMediaPage({ q: "IMG_4242.JPG", limit: 48 }, t.db)],
      ["media search, two words", () => listMediaPage({ q: "agency 17 storm", limit: 48 }, t.db)],
      ["media search, deep page", () => listMediaPage({ q: "storm", limit: 48, before: IMAGES / 2 }, t.db)],
    ];
    const problems: string[] = [];
    for (const [name, read] of cases) problems.push(...(await check(name, read)));
    expect(problems).toEqual([]);
  });

  it("the newsroom's charts read a range of one index, whatever a year of views holds", async () => {
    const listed = (await listStoriesForDashboard(editor, {}, t.db)).rows.map((row) => row.id);
    const timeZone = "America/New_York";
    const cases: [string, () => Promise<unknown>][] = [
      ["dashboard sparklines", () => dailyViewsByStory(listed, { timeZone }, t.db)],
      ["site's 30 days", () => siteDailyViews({ timeZone }, t.db)],
      ["a story's hours", () => storyHourlyViews(STORIES, { publishedAt: new Date(Date.now() - 30 * 24 * 3_600_000) }, t.db)],
    ];
    const problems: string[] = [];
    for (const [name, read] of cases) problems.push(...(await check(name, read)));
    // Today's top stories add up the day's rows, as many as the hours since midnight in the
    // site's zone: a day's traffic, never the year's (here up to 25 × 220 rows, so the rule
    // above would pass or fail by the hour the test runs at).
    problems.push(...(await check("today's top stories", () => topStoriesToday({ timeZone }, t.db), A_DAYS_VIEW_ROWS)));
    expect(problems).toEqual([]);
  });
});
