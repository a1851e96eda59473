import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSources, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { ArticleView } from "@/components/site/article-view";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { getPublishedArticle } from "@/lib/stories/queries";
import { answerOf } from "@/lib/testing/path-rule-answer";
import { archiveConverters } from "./converters";
import { openArchive } from "./detect";
import { runImport } from "./importer";

// Both fixtures imported with the real body converters and old-URL helpers, as `npm run import`
// does: the rendered articles part by part (original dates, captions and credits, inline images
// and links) and every kind of old address answering 301 to the new one in one hop.

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-archive-data-"));
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-archive-media-"));
const WP = "wordpress:https://harbour-gazette.example";
const GHOST = "ghost:https://tidewater.example";
let test: TestDatabase;
let admin: CurrentUser;
const reports: Record<string, Awaited<ReturnType<typeof runImport>>> = {};

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  test = await createTestDatabase();
  ({ admin } = await createNewsroomUsers("archive", ["admin"]));
  const files = ["2019/04/harbour-wall.jpg", "2019/04/council-vote.png", "2019/05/regatta-start.jpg", "2019/05/regatta-finish.jpg", "2019/06/ferry-dawn.jpg", "2020/03/cranes.jpg", "2020/03/crane-barge.jpg", "2020/04/procession.jpg", "2020/01/ravi.jpg"];
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(mediaDir, file)), { recursive: true });
    const image = sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 40, g: 110, b: 150 } } });
    fs.writeFileSync(path.join(mediaDir, file), await (file.endsWith(".png") ? image.png() : image.jpeg()).toBuffer());
  }
  for (const file of ["wordpress.xml", "ghost.json"]) {
    reports[file] = await runImport({ reader: openArchive(path.join(FIXTURES, file)), actor: admin, converters: archiveConverters, mediaDir, db: test.db });
  }
  invalidatePathRules();
}, 600_000);

afterAll(async () => {
  await test.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

async function storyId(source: string, sourceId: string): Promise<number> {
  const [row] = await test.db
    .select({ id: importSources.targetId })
    .from(importSources)
    .where(and(eq(importSources.source, source), eq(importSources.kind, "story"), eq(importSources.sourceId, sourceId)));
  return row!.id;
}

async function rendered(id: number): Promise<string> {
  const article = (await getPublishedArticle(id, test.db))!;
  return renderToStaticMarkup(createElement(ArticleView, { article, trail: [], canonicalUrl: "https://example.test/x" }));
}

async function answer(url: string) {
  const { status, location } = await answerOf(url);
  return { status, location };
}

describe("a WordPress archive, imported", () => {
  it("imports every post, nothing failed", () => {
    expect(reports["wordpress.xml"]!.failed).toEqual([]);
    expect(reports["wordpress.xml"]!.created.story).toBe(33);
  });

  it("renders the article part by part: dates, hero caption and credit, headings, lists, the inline image with its caption, the link", async () => {
    const html = await rendered(await storyId(WP, "101"));
    expect(html).toContain('<time dateTime="2019-04-29T14:05:00.000Z">');
    expect(html).toContain('<time dateTime="2019-05-02T09:30:00.000Z">');
    expect(html).toContain("The old harbour wall at low tide.");
    expect(html).toContain("Photo: Jo Lee / Harbour Gazette");
    expect(html).toMatch(/<h2>(<span>)?What happens next(<\/span>)?<\/h2>/);
    expect(html).toMatch(/<ul><li>(<[^>]+>)*Survey in June/);
    expect(html).toContain("Councillors vote on the plan.");
    expect(html).toContain('alt="Councillors raising their hands in the chamber"');
    expect(html).toMatch(/<a [^>]*href="https:\/\/harbour-gazette\.example\/council\/"/);
    expect(html).toContain("The works will take two summers.");
    expect(html).toContain("It is the most important decision this council has made.");
  });

  it("renders a gallery's images with their captions, and names the missing one", async () => {
    const html = await rendered(await storyId(WP, "106"));
    expect(html).toContain("The start line at nine.");
    expect(html).toContain("The winners cross the line.");
    expect(reports["wordpress.xml"]!.warnings).toContainEqual({ item: "post 106", message: expect.stringMatching(/regatta-crowd\.jpg/) });
  });

  it("drops scripts, iframes and styles with a warning", async () => {
    const [row] = await test.db.select({ body: stories.body }).from(stories).where(eq(stories.id, await storyId(WP, "109")));
    expect(JSON.stringify(row!.body)).not.toMatch(/owned|<script|video\.example\/embed|color: red/);
    expect(reports["wordpress.xml"]!.warnings.filter((warning) => warning.item === "post 109").length).toBeGreaterThan(0);
  });

  it("keeps an unknown shortcode and block as plain paragraphs, reported", async () => {
    expect(reports["wordpress.xml"]!.warnings.filter((warning) => warning.item === "post 110").length).toBeGreaterThan(0);
  });

  it.each([
    ["the permalink", "/2019/04/29/harbour-wall-approved/", "/news/local/harbour-wall-approved"],
    ["the post id", "/?p=101", "/news/local/harbour-wall-approved"],
    ["a nested category", "/category/news/local/", "/news/local"],
    ["a tag", "/tag/harbour/", "/tags/harbour"],
    ["an author", "/author/jlee/", "/authors/jlee"],
  ])("answers %s with a 301 to the new address", async (_label, from, to) => {
    expect(await answer(from)).toEqual({ status: 301, location: to });
  });

  it("still answers 404 (no rule) for an unknown old path", async () => {
    expect((await answer("/2019/04/29/never-existed/")).status).toBe(200);
  });
});

describe("a Ghost archive, imported", () => {
  const post = (n: number) => `5f3a1c2b9d8e7f60${(1000 + n).toString(16).padStart(8, "0")}`;

  it("imports every post, nothing failed", () => {
    expect(reports["ghost.json"]!.failed).toEqual([]);
    expect(reports["ghost.json"]!.created.story).toBe(28);
  });

  it("renders a lexical post: dates, the feature image's caption, a heading, an inline image with its caption", async () => {
    const html = await rendered(await storyId(GHOST, post(1)));
    expect(html).toContain('<time dateTime="2020-03-02T08:15:00.000Z">');
    expect(html).toContain("The cranes at dawn. Photo: Ravi Menon");
    expect(html).toMatch(/<h2>(<span>)?Bigger ships(<\/span>)?<\/h2>/);
    expect(html).toContain("The barge at the harbour mouth.");
  });

  it("renders a mobiledoc post with its link and image card", async () => {
    const html = await rendered(await storyId(GHOST, post(2)));
    expect(html).toMatch(/<a [^>]*href="https:\/\/tidewater\.example\/programme\/"[^>]*>full programme<\/a>/);
    expect(html).toContain("Lanterns at dusk.");
  });

  it.each([
    ["the post", "/cranes-arrive/", "/port/cranes-arrive"],
    ["a tag", "/tag/islands/", "/tags/islands"],
    ["an author", "/author/ravi/", "/authors/ravi"],
  ])("answers %s with a 301 to the new address", async (_label, from, to) => {
    expect(await answer(from)).toEqual({ status: 301, location: to });
  });
});
