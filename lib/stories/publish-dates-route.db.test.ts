import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/users";
import { ArticleView } from "@/components/site/article-view";
import { buildFeed } from "@/lib/feeds/build";
import { listFeedStories } from "@/lib/feeds/queries";
import { newsArticleData } from "@/lib/seo/news-article";
import { listStoryPage } from "@/lib/sitemaps/queries";
import { createStory } from "./commands";
import { getPublishedArticle } from "./queries";
import * as route from "@/app/api/admin/stories/[id]/[action]/route";

// An archive's original dates through the admin API: `publishedAt` in the past is kept, one to
// come schedules, `updatedAt` is the "Updated" line; the article, its structured data, the feeds
// and the sitemap show them. A writer is refused, a malformed date is a 422 beside its field, and
// nothing is ever silently ignored.

const siteTimeZone = process.env.SITE_TIMEZONE;
process.env.SITE_TIMEZONE = "UTC";

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let editorToken = "";
let writerToken = "";
let sectionId = 0;
let authorId = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  ({ editor, writer } = await createNewsroomUsers("dates", ["editor", "writer"]));
  editorToken = (await createApiToken(editor, { name: "dates", expiresInDays: 30 })).token;
  writerToken = (await createApiToken(writer, { name: "dates", expiresInDays: 30 })).token;
  sectionId = await createSection(test.db, "archive", "Archive");
  authorId = await createAuthor(test.db, "Dates Author");
});

afterAll(async () => {
  await test.dispose();
  if (siteTimeZone === undefined) delete process.env.SITE_TIMEZONE;
  else process.env.SITE_TIMEZONE = siteTimeZone;
});

let drafts = 0;
const draft = async (by: CurrentUser = editor) =>
  (await createStory(by, { headline: `From the archive ${++drafts}`, sectionId, authorIds: [authorId], body: documentOf("Text.") })).id;

async function publish(id: number, body?: unknown, token = editorToken, headers: Record<string, string> = { "content-type": "application/json" }) {
  const request = new NextRequest(`http://localhost/api/admin/stories/${id}/publish`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : headers) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return route.POST(request, { params: Promise.resolve({ id: String(id), action: "publish" }) });
}

const stored = async (id: number) => (await test.db.select().from(stories).where(eq(stories.id, id)))[0]!;

describe("POST /api/admin/stories/:id/publish with dates", () => {
  const PUBLISHED = "2019-04-29T14:05:00.000Z";
  const UPDATED = "2019-05-02T09:30:00.000Z";
  let id = 0;

  beforeAll(async () => {
    id = await draft();
    const response = await publish(id, { publishedAt: "2019-04-29T14:05:00Z", updatedAt: "2019-05-02T09:30:00+00:00" });
    expect(response.status).toBe(200);
    expect((await response.json()).publishedAt).toBe(PUBLISHED);
  });

  it("keeps the original publication and update times", async () => {
    const story = await stored(id);
    expect(story.status).toBe("published");
    expect(story.publishedAt!.toISOString()).toBe(PUBLISHED);
    expect(story.revisedAt!.toISOString()).toBe(UPDATED);
  });

  it("shows them on the article", async () => {
    const article = (await getPublishedArticle(id, test.db))!;
    const html = renderToStaticMarkup(createElement(ArticleView, { article, trail: [], canonicalUrl: "https://example.test/archive/x" }));
    expect(html).toContain(`<time dateTime="${PUBLISHED}">29 April 2019`);
    expect(html).toContain(`<time dateTime="${UPDATED}">2 May 2019`);
  });

  it("gives them to the structured data", async () => {
    const data = newsArticleData((await getPublishedArticle(id, test.db))!, "https://example.test/x", "Site", "https://example.test");
    expect(data).toMatchObject({ datePublished: PUBLISHED, dateModified: UPDATED });
  });

  const siteUrl = "https://example.test";
  const channel = { title: "Site", description: "", pageUrl: siteUrl, feedUrls: { rss: `${siteUrl}/feed.xml` }, siteUrl, language: "en" };
  it("dates the feed item and the sitemap entry", async () => {
    const items = (await listFeedStories({ kind: "site" }, test.db)).filter((item) => item.id === id);
    const feed = JSON.parse(buildFeed(channel, items, "json"));
    expect(feed.items[0]).toMatchObject({ date_published: PUBLISHED, date_modified: UPDATED });
    const entries = await listStoryPage(1, 10_000, test.db);
    expect(entries.find((entry) => entry.path.endsWith(`from-the-archive-1`))?.lastModified).toBe(UPDATED);
  });

  it("schedules a story whose publication time is still to come", async () => {
    const scheduled = await draft();
    const response = await publish(scheduled, { publishedAt: "2031-05-01T10:00:00Z" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "scheduled", scheduledAt: "2031-05-01T10:00:00.000Z" });
  });

  it("publishes now with no body, as the newsroom's button sends it", async () => {
    const now = await draft();
    const before = Date.now();
    expect((await publish(now)).status).toBe(200);
    expect((await stored(now)).publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("refuses a writer's dates with 403, leaving the draft", async () => {
    const own = await draft(writer);
    const response = await publish(own, { publishedAt: "2019-04-29T14:05:00Z" }, writerToken);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/editors and admins/);
    expect((await stored(own)).status).toBe("draft");
  });

  const UNREADABLE = "Enter the date and time, such as 2031-05-01T10:00";
  const UPDATED_RANGE = "Choose an update time between the publication and now";
  it.each([
    ["an unreadable publishedAt", { publishedAt: "29/04/2019" }, { publishedAt: UNREADABLE }],
    ["a number", { publishedAt: 1_556_546_700_000 }, { publishedAt: UNREADABLE }],
    ["null", { publishedAt: null }, { publishedAt: UNREADABLE }],
    ["an impossible date", { publishedAt: "2019-02-30T10:00" }, { publishedAt: UNREADABLE }],
    ["an unreadable updatedAt", { publishedAt: "2019-04-29T14:05", updatedAt: "soon" }, { updatedAt: UNREADABLE }],
    ["an update before the publication", { publishedAt: "2019-04-29T14:05", updatedAt: "2019-04-28T14:05" }, { updatedAt: UPDATED_RANGE }],
    ["an update still to come", { publishedAt: "2019-04-29T14:05", updatedAt: "2031-01-01T00:00" }, { updatedAt: UPDATED_RANGE }],
    ["an update without an original publication", { updatedAt: "2019-04-28T14:05" }, { updatedAt: UPDATED_RANGE }],
    ["an update of a schedule", { publishedAt: "2031-05-01T10:00", updatedAt: "2019-04-28T14:05" }, { updatedAt: expect.stringMatching(/scheduled story/) }],
  ])("refuses %s with 422 beside the field, leaving the draft", async (_label, body, fieldErrors) => {
    const id = await draft();
    const response = await publish(id, body);
    expect(response.status).toBe(422);
    expect((await response.json()).fieldErrors).toEqual(fieldErrors);
    expect((await stored(id)).status).toBe("draft");
  });

  it.each([
    ["a JSON array", [], 422],
    ["text that is not JSON", "publishedAt=2019", 400],
  ])("refuses %s", async (_label, body, status) => {
    const id = await draft();
    expect((await publish(id, body)).status).toBe(status);
    expect((await stored(id)).status).toBe("draft");
  });

  it("refuses a body that is not sent as JSON (415)", async () => {
    const id = await draft();
    expect((await publish(id, "publishedAt=2019-04-29", editorToken, {})).status).toBe(415);
  });
});
