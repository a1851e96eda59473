// npx tsx scripts/check-old-addresses.ts <site url> — imported old addresses against a running
// server: records a WordPress site's addresses for a published story, the section it is in, a tag,
// an author and the site's feed in the server's database (DATABASE_URL: a scratch database, it
// keeps them), then asks the server for each with and without its trailing slash: a 301 whose
// Location answers 200 itself (one hop), and unknown old addresses 404. Exits 1 on any miss.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { openPostgres } from "@/db/client";
import { authors, sections, stories, tags } from "@/db/schema";
import { recordOldPaths, siteFeedOldPaths, wordpressArchivePaths, wordpressOldPaths } from "@/lib/import/old-urls";

const siteUrl = process.argv[2] ?? "http://127.0.0.1:3661";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL to the server's (scratch) database");

const handle = openPostgres(databaseUrl, { max: 2 });
const db = handle.db;
const [story] = await db
  .select({ id: stories.id, slug: stories.slug, sectionId: stories.sectionId, path: sections.path })
  .from(stories)
  .innerJoin(sections, eq(sections.id, stories.sectionId))
  .where(eq(stories.status, "published"))
  .limit(1);
const [tag] = await db.select({ id: tags.id, slug: tags.slug }).from(tags).limit(1);
const [author] = await db.select({ id: authors.id, slug: authors.slug }).from(authors).limit(1);
if (!story || !tag || !author) throw new Error("The database needs a published story, a tag and an author (the demo edition has them)");

// Fresh addresses each run: none of them was asked before, so no kept answer stands in the way.
const run = randomBytes(3).toString("hex");
const site = { baseUrl: "https://old.example.com" };
const postId = Number.parseInt(run, 16);
const category = wordpressArchivePaths("category", [`c${run}`, "local"], site);
await db.transaction(async (tx) => {
  const post = { id: postId, slug: `old-${run}`, link: `https://old.example.com/2019/04/29/old-${run}/`, date: "2019-04-29 08:00:00" };
  await recordOldPaths(tx, { storyId: story.id }, wordpressOldPaths(post, site));
  await recordOldPaths(tx, { sectionId: story.sectionId }, category.page);
  await recordOldPaths(tx, { sectionId: story.sectionId, feedOf: "section" }, category.feed);
  await recordOldPaths(tx, { tagId: tag.id }, [`/tag/t${run}/`]);
  await recordOldPaths(tx, { authorId: author.id }, [`/author/a${run}/`]);
  await recordOldPaths(tx, { feedOf: "site" }, siteFeedOldPaths(site));
});
await handle.close();

const storyPath = `/${story.path}/${story.slug}`;
const expected: [string, string | 404][] = [
  [`/2019/04/29/old-${run}/`, storyPath],
  [`/2019/04/29/old-${run}`, storyPath],
  [`/2019/04/29/old-${run}/?utm_source=mail`, `${storyPath}?utm_source=mail`],
  [`/?p=${postId}`, storyPath],
  [`/?p=${postId}&utm_source=mail`, storyPath],
  [`/old-${run}/`, storyPath],
  [`/category/c${run}/local/`, `/${story.path}`],
  [`/category/local`, `/${story.path}`],
  [`/category/c${run}/local/feed/`, `/${story.path}/feed.xml`],
  [`/tag/t${run}/`, `/tags/${tag.slug}`],
  [`/author/a${run}`, `/authors/${author.slug}`],
  ["/feed/", "/feed.xml"],
  ["/rss", "/feed.xml"],
  [`/2019/04/29/never-${run}`, 404],
  [`/never-${run}`, 404],
  [`/?p=${postId + 1}`, 404],
];

let failures = 0;
for (const [path, want] of expected) {
  const answer = await fetch(new URL(path, siteUrl), { redirect: "manual", headers: { accept: "text/html" } });
  const location = answer.headers.get("location");
  let got = `${answer.status}${location ? ` ${location}` : ""}`;
  let ok = want === 404 ? answer.status === 404 : answer.status === 301 && location === want;
  if (ok && location) {
    const next = await fetch(new URL(location, siteUrl), { redirect: "manual", headers: { accept: "text/html" } });
    got += ` → ${next.status}`;
    ok = next.status === 200;
  }
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${path.padEnd(48)} ${got}`);
}
console.log(failures ? `${failures} of ${expected.length} failed` : `all ${expected.length} answered as expected`);
process.exit(failures ? 1 : 0);
