import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authors, comments, importSources, media, sections, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { ArticleView } from "@/components/site/article-view";
import { bodyMediaIds } from "@/lib/stories/document";
import { getPublishedArticle } from "@/lib/stories/queries";
import { openArchive } from "./detect";
import { runImport } from "./importer";
import { formatReport } from "./report";
import { testConverters } from "./test-converters";

// The importer on the project's own fixtures (lib/import/fixtures): a WordPress export and a
// Ghost export covering every case of issue 17. The body converters and old-URL helpers are the
// stand-ins of ./test-converters.ts; lib/import/archive.db.test.ts runs the real ones.

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-import-data-"));
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-import-media-"));
let test: TestDatabase;
let admin: CurrentUser;

/** The uploads folder as the old sites left it, less the files the fixtures say are missing. */
async function writeUploads(files: string[]) {
  for (const [index, file] of files.entries()) {
    const full = path.join(mediaDir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    const image = sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 30 + index * 20, g: 90, b: 140 } } });
    fs.writeFileSync(full, await (file.endsWith(".png") ? image.png() : image.jpeg()).toBuffer());
  }
}

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  test = await createTestDatabase();
  ({ admin } = await createNewsroomUsers("import", ["admin"]));
  await writeUploads([
    "2019/04/harbour-wall.jpg",
    "2019/04/council-vote.png",
    "2019/05/regatta-start.jpg",
    "2019/05/regatta-finish.jpg",
    "2019/06/ferry-dawn.jpg",
    "2020/03/cranes.jpg",
    "2020/03/crane-barge.jpg",
    "2020/04/procession.jpg",
    "2020/01/ravi.jpg",
  ]);
});

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

const importFile = (file: string, options: { dryRun?: boolean } = {}, converters = testConverters().converters) =>
  runImport({ reader: openArchive(path.join(FIXTURES, file)), actor: admin, converters, mediaDir, db: test.db, ...options });

async function targetOf(source: string, kind: string, sourceId: string): Promise<number> {
  const [row] = await test.db
    .select({ id: importSources.targetId })
    .from(importSources)
    .where(and(eq(importSources.source, source), eq(importSources.kind, kind), eq(importSources.sourceId, sourceId)));
  if (!row) throw new Error(`${kind} ${sourceId} was not imported`);
  return row.id;
}

const storyRow = async (id: number) => (await test.db.select().from(stories).where(eq(stories.id, id)))[0]!;
const count = async (table: typeof stories | typeof comments | typeof media | typeof importSources) => (await test.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

describe("a WordPress export", () => {
  const WP = "wordpress:https://harbour-gazette.example";
  const { converters, recorded } = testConverters();
  let report: Awaited<ReturnType<typeof runImport>>;
  const story = (postId: string) => targetOf(WP, "story", postId);

  beforeAll(async () => {
    report = await importFile("wordpress.xml", {}, converters);
  }, 300_000);

  it("imports every post and counts what it skipped, with the reason", () => {
    expect(report.failed).toEqual([]);
    expect(report.created).toMatchObject({ story: 33, author: 4, media: 5 });
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { item: "page 301", reason: "pages are not imported" },
        { item: "page 302", reason: "pages are not imported" },
        { item: "nav_menu_item 401", reason: '"nav_menu_item" items are not imported' },
        { item: "post 114", reason: 'status "trash" is not imported' },
        { item: "post 101 comment 505", reason: "spam is not imported" },
        { item: "post 101 comment 506", reason: "pingbacks and trackbacks are not imported" },
      ]),
    );
  });

  it("keeps the original dates, shown on the article", async () => {
    const id = await story("101");
    const row = await storyRow(id);
    expect(row.status).toBe("published");
    expect(row.publishedAt!.toISOString()).toBe("2019-04-29T14:05:00.000Z");
    expect(row.revisedAt!.toISOString()).toBe("2019-05-02T09:30:00.000Z");
    const article = (await getPublishedArticle(id, test.db))!;
    const html = renderToStaticMarkup(createElement(ArticleView, { article, trail: [], canonicalUrl: "https://example.test/x" }));
    expect(html).toContain('<time dateTime="2019-04-29T14:05:00.000Z">');
    expect(html).toContain('<time dateTime="2019-05-02T09:30:00.000Z">');
  });

  it("gives the featured image its caption (the attachment's excerpt) and credit (its description)", async () => {
    const id = await story("101");
    const article = (await getPublishedArticle(id, test.db))!;
    expect(article).toMatchObject({ heroCaption: "The old harbour wall at low tide.", heroCredit: "Photo: Jo Lee / Harbour Gazette" });
    expect(article.image!.alt).toBe("Stone harbour wall with boats moored behind it");
    const [library] = await test.db.select().from(media).where(eq(media.id, (await storyRow(id)).heroMediaId!));
    expect(library).toMatchObject({ caption: "The old harbour wall at low tide.", credit: "Photo: Jo Lee / Harbour Gazette", fileName: "harbour-wall.jpg" });
  });

  it("uploads inline images, a resized copy's address finding its original", async () => {
    const article = (await getPublishedArticle(await story("101"), test.db))!;
    const [inline] = bodyMediaIds(article.body);
    expect(inline).toBe(await targetOf(WP, "media", "202"));
  });

  it("keeps a gallery's images that are in the media folder, and names the one that is not", async () => {
    const row = await storyRow(await story("106"));
    expect(bodyMediaIds(row.body)).toEqual([await targetOf(WP, "media", "203"), await targetOf(WP, "media", "204")]);
    expect(report.warnings).toContainEqual({ item: "post 106", message: expect.stringMatching(/not found .*regatta-crowd\.jpg$/) });
  });

  it("makes sections of nested categories, bylines of authors with their display names, tags of tags", async () => {
    const article = (await getPublishedArticle(await story("101"), test.db))!;
    expect(article.sectionPath).toBe("news/local");
    expect(article.bylines.map((byline) => byline.name)).toEqual(["Jo Lee"]);
    expect(article.tags.map((tag) => tag.name)).toEqual(["Harbour", "Council"]);
    const [nordics] = await test.db.select({ path: sections.path }).from(sections).where(eq(sections.id, (await storyRow(await story("111"))).sectionId));
    expect(nordics!.path).toBe("news/world/europe");
    expect(report.warnings).toContainEqual({ item: "category nordics", message: "nested deeper than 3 levels: its stories go to /news/world/europe" });
  });

  it("imports comments: approved published, pending held, spam and pingbacks left out, threads kept", async () => {
    const id = await story("101");
    const rows = await test.db.select().from(comments).where(eq(comments.storyId, id));
    const byBody = (start: string) => rows.find((row) => row.body.startsWith(start))!;
    expect(rows).toHaveLength(5);
    expect(byBody("At last!")).toMatchObject({ status: "approved", parentId: null, authorName: "Sam Reed" });
    expect(byBody("At last!").createdAt.toISOString()).toBe("2019-04-29T15:00:00.000Z");
    expect(byBody("Mine too")).toMatchObject({ status: "approved", parentId: byBody("At last!").id });
    // A reply to a reply joins its thread: the site's replies are one level deep.
    expect(byBody("A reply to a reply")).toMatchObject({ parentId: byBody("At last!").id });
    expect(byBody("A reply to a reply").body).not.toContain("alert");
    expect(byBody("Waiting")).toMatchObject({ status: "pending", approvedAt: null });
    expect(byBody("Email that")).toMatchObject({ status: "approved", emailHash: null });
    const article = (await getPublishedArticle(id, test.db))!;
    expect(article.commentCount).toBe(4);
  });

  it("schedules a future post, keeps drafts, pending and private posts as drafts", async () => {
    const scheduled = await storyRow(await story("102"));
    expect(scheduled).toMatchObject({ status: "scheduled" });
    expect(scheduled.scheduledAt!.toISOString()).toBe("2031-06-01T07:00:00.000Z");
    for (const postId of ["103", "104", "105"]) expect((await storyRow(await story(postId))).status).toBe("draft");
  });

  it("keeps non-Latin text", async () => {
    const row = await storyRow(await story("107"));
    expect(row.headline).toBe("Новый паром до острова");
    expect(JSON.stringify(row.body)).toContain("港に新しいフェリー");
    const [author] = await test.db.select().from(authors).where(eq(authors.id, await targetOf(WP, "author", "tvolkova")));
    expect(author!.name).toBe("Татьяна Волкова");
    expect(report.warnings).toContainEqual({ item: "post 107", message: 'the tag "港" has no Latin letter or digit for its address: left out' });
  });

  it("never carries a script or an iframe into the body", async () => {
    const body = JSON.stringify((await storyRow(await story("109"))).body);
    expect(body).not.toMatch(/owned|script|iframe|video\.example|color: red/);
    expect(body).toContain("It is back to normal.");
    expect(report.warnings.filter((warning) => warning.item === "post 109").length).toBeGreaterThan(0);
  });

  it("gives a post with no category or known author the Archive section and the Staff byline", async () => {
    const article = (await getPublishedArticle(await story("112"), test.db))!;
    expect(article.sectionPath).toBe("archive");
    expect(article.bylines.map((byline) => byline.name)).toEqual(["Staff"]);
    expect(report.warnings).toContainEqual({ item: "post 113", message: "its featured image (299) is not in the export" });
  });

  it("records the old addresses of each story, category (nested ones with their parents' slugs), tag, author and the feeds", async () => {
    expect(recorded).toContainEqual({ target: { storyId: await story("101") }, paths: ["/2019/04/29/harbour-wall-approved/", "/?p=101"] });
    const local = await targetOf(WP, "section", "local");
    expect(recorded).toContainEqual({ target: { sectionId: local }, paths: ["/category/news/local/"] });
    expect(recorded).toContainEqual({ target: { sectionId: local, feedOf: "section" }, paths: ["/category/news/local/feed/"] });
    expect(recorded).toContainEqual({ target: { tagId: await targetOf(WP, "tag", "harbour") }, paths: ["/tag/harbour/"] });
    expect(recorded).toContainEqual({ target: { authorId: await targetOf(WP, "author", "jlee") }, paths: ["/author/jlee/"] });
    expect(recorded).toContainEqual({ target: { feedOf: "site" }, paths: ["/feed/"] });
  });

  it("writes the stories' search words as any save does", async () => {
    const row = await storyRow(await story("101"));
    expect(String(row.searchVector)).toContain("harbour");
  });

  it("has nothing to do the second time", async () => {
    const before = { stories: await count(stories), comments: await count(comments), media: await count(media) };
    const again = await importFile("wordpress.xml");
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(again.existing).toMatchObject({ story: 33, author: 3, section: 8, comment: report.created.comment });
    expect(formatReport(again)).toMatch(/^Nothing to do/);
    expect({ stories: await count(stories), comments: await count(comments), media: await count(media) }).toEqual(before);
  }, 300_000);
});

describe("a Ghost export", () => {
  const GHOST = "ghost:https://tidewater.example";
  const story = (postId: number) => targetOf(GHOST, "story", `5f3a1c2b9d8e7f60${(1000 + postId).toString(16).padStart(8, "0")}`);

  it("in a dry run, reads everything, reports what it would make and writes nothing", async () => {
    const before = { stories: await count(stories), sources: await count(importSources), media: await count(media) };
    const report = await importFile("ghost.json", { dryRun: true });
    expect(report.created).toMatchObject({ story: 28, author: 3, section: 4 });
    expect(report.skipped).toContainEqual({ item: "page 5f3a1c2b9d8e7f60000003ef", reason: "pages are not imported" });
    expect(report.warnings).toContainEqual({ item: "post 5f3a1c2b9d8e7f60000003f1", message: expect.stringMatching(/not found .*not-there\.jpg$/) });
    expect(formatReport(report)).toMatch(/^Dry run: nothing was written\.\nWould create: 28 stories/);
    expect({ stories: await count(stories), sources: await count(importSources), media: await count(media) }).toEqual(before);
  }, 300_000);

  it("stops when interrupted, and a second run goes on where it stopped", async () => {
    const reader = openArchive(path.join(FIXTURES, "ghost.json"));
    let handed = 0;
    const interrupted = {
      readCatalog: () => reader.readCatalog(),
      async *stories() {
        for await (const item of reader.stories()) {
          if (++handed > 10) throw new Error("interrupted");
          yield item;
        }
      },
    };
    const { converters } = testConverters();
    await expect(runImport({ reader: interrupted, actor: admin, converters, mediaDir, db: test.db })).rejects.toThrow("interrupted");
    const sourcesOf = async () => (await test.db.select().from(importSources).where(and(eq(importSources.source, GHOST), eq(importSources.kind, "story")))).length;
    expect(await sourcesOf()).toBe(10);
    const resumed = await importFile("ghost.json");
    expect(resumed.existing.story).toBe(10);
    expect(resumed.created.story).toBe(18);
    expect(await sourcesOf()).toBe(28);
  }, 300_000);

  it("maps the primary tag to the section, authors with bio and photo, the feature image's caption", async () => {
    const article = (await getPublishedArticle(await story(1), test.db))!;
    expect(article.sectionPath).toBe("port");
    expect(article.tags.map((tag) => tag.name)).toEqual(["Port", "Islands"]);
    expect(article).toMatchObject({ heroCaption: "The cranes at dawn. Photo: Ravi Menon", deck: "Three cranes for the new berth." });
    expect(article.image!.alt).toBe("Three cranes on the quay");
    expect(article.publishedAt).toBe("2020-03-02T08:15:00.000Z");
    expect(article.revisedAt).toBe("2020-03-05T10:00:00.000Z");
    const [ravi] = await test.db.select().from(authors).where(eq(authors.id, await targetOf(GHOST, "author", "5f3a1c2b9d8e7f6000000001")));
    expect(ravi).toMatchObject({ name: "Ravi Menon", bio: "Covers the port and its people since 2012." });
    expect(ravi!.photoMediaId).toBe(await targetOf(GHOST, "media", "__GHOST_URL__/content/images/2020/01/ravi.jpg"));
    const festival = (await getPublishedArticle(await story(2), test.db))!;
    expect(festival.bylines.map((byline) => byline.name)).toEqual(["Élise Moreau", "Ravi Menon"]);
  });

  it("leaves internal tags out, schedules, keeps drafts, and keeps Japanese text", async () => {
    const retired = (await getPublishedArticle(await story(4), test.db))!;
    expect(retired.tags.map((tag) => tag.name)).toEqual(["Port"]);
    expect(JSON.stringify(retired.body)).not.toMatch(/track|video\.example/);
    expect((await storyRow(await story(5))).status).toBe("scheduled");
    expect((await storyRow(await story(6))).status).toBe("draft");
    expect((await storyRow(await story(3))).headline).toBe("港の新しい市場が開く");
  });
});

describe("bad input", () => {
  const write = (name: string, text: string) => {
    const file = path.join(mediaDir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("stops a truncated export before writing anything", async () => {
    const whole = fs.readFileSync(path.join(FIXTURES, "wordpress.xml"), "utf8");
    const file = write("truncated.xml", whole.slice(0, Math.floor(whole.length * 0.6)).replace("harbour-gazette.example", "truncated.example"));
    const before = await count(importSources);
    const { converters } = testConverters();
    await expect(runImport({ reader: openArchive(file), actor: admin, converters, mediaDir, db: test.db })).rejects.toThrow(/line \d+/);
    expect(await count(importSources)).toBe(before);
  });

  it.each([
    ["malformed XML", "broken.xml", '<?xml version="1.0"?>\n<rss><channel>\n<item><title>One</title></itm>\n</channel></rss>', /malformed at line 3/],
    ["XML that is not an export", "other.xml", '<?xml version="1.0"?>\n<rss><channel><title>Feed</title></channel></rss>', /not a WordPress export/],
    ["malformed JSON", "broken.json", '{"db": [{"data": {"posts": [\n{"id": 1,}\n]}}]}', /JSON is malformed \(line 2\)/],
    ["JSON that is not a Ghost export", "other.json", '{"posts": []}', /not a Ghost export/],
    ["neither", "notes.txt", "Just some notes.", /neither a WordPress export/],
  ])("refuses %s with a clear error", async (_label, name, text, message) => {
    const file = write(name, text);
    const { converters } = testConverters();
    await expect((async () => runImport({ reader: openArchive(file), actor: admin, converters, mediaDir, db: test.db }))()).rejects.toThrow(message);
  });
});
