// npx tsx scripts/generate-wxr.ts <out.xml> [--posts 10000] [--comments 50000] – writes a large
// WordPress export (WXR) of made-up posts and comments for measuring `npm run import`: nested
// categories, tags, a few authors, bodies of several paragraphs with headings, lists and links,
// and threaded comments (mostly approved, some pending, a few spam). The output is not committed.
import fs from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { posts: { type: "string", default: "10000" }, comments: { type: "string", default: "50000" } },
  allowPositionals: true,
});
const out = positionals[0];
const posts = Number(values.posts);
const commentTotal = Number(values.comments);
if (!out || !Number.isInteger(posts) || posts < 1 || !Number.isInteger(commentTotal) || commentTotal < 0) {
  console.error("Usage: npx tsx scripts/generate-wxr.ts <out.xml> [--posts 10000] [--comments 50000]");
  process.exit(1);
}

const SITE = "https://generated-archive.example";
const WORDS = "harbour council ferry tide weather island market school bridge rowing festival lighthouse storm budget road rail museum library river coast".split(" ");
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const pick = <T>(list: T[], n: number): T => list[n % list.length]!;
const sentence = (n: number, length = 14) =>
  Array.from({ length }, (_, i) => pick(WORDS, n * 7 + i * 13)).join(" ").replace(/^./, (c) => c.toUpperCase()) + ".";

const authors = ["alex", "bea", "chen", "dara", "eli", "fatima", "gus", "hana", "ivo", "june"];
const parents = ["news", "sport", "culture", "business"];
const categories = parents.flatMap((parent) => [parent, ...["local", "national", "world"].map((child) => `${parent}-${child}`)]);
const tags = Array.from({ length: 200 }, (_, i) => `${pick(WORDS, i)}-${i}`);

const stream = fs.createWriteStream(out);
async function write(text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

function body(n: number): string {
  const paragraphs = Array.from({ length: 5 }, (_, i) => `<!-- wp:paragraph -->\n<p>${sentence(n + i, 18)} ${sentence(n + i + 3, 12)}</p>\n<!-- /wp:paragraph -->`);
  paragraphs.splice(2, 0, `<!-- wp:heading -->\n<h2>${sentence(n, 4)}</h2>\n<!-- /wp:heading -->`);
  paragraphs.push(`<ul><li>${sentence(n, 5)}</li><li>${sentence(n + 1, 5)}</li></ul>`);
  paragraphs.push(`<p>Read <a href="${SITE}/${2015 + (n % 9)}/01/01/post-${Math.max(1, n - 1)}/">the earlier story</a>.</p>`);
  return paragraphs.join("\n\n");
}

function comment(id: number, parent: number, n: number, date: string): string {
  const approved = n % 25 === 0 ? "spam" : n % 10 === 0 ? "0" : "1";
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata(`Reader ${n % 997}`)}</wp:comment_author><wp:comment_author_email>${cdata(`reader${n % 997}@example.org`)}</wp:comment_author_email><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt><wp:comment_content>${cdata(sentence(n, 10 + (n % 20)))}</wp:comment_content><wp:comment_approved>${cdata(approved)}</wp:comment_approved><wp:comment_type>${cdata("comment")}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
}

await write(`<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Generated archive</title>\n<link>${SITE}</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>${SITE}</wp:base_site_url>\n<wp:base_blog_url>${SITE}</wp:base_blog_url>\n`);
for (const login of authors) {
  await write(`<wp:author><wp:author_login>${cdata(login)}</wp:author_login><wp:author_email>${cdata(`${login}@generated-archive.example`)}</wp:author_email><wp:author_display_name>${cdata(login[0]!.toUpperCase() + login.slice(1) + " Writer")}</wp:author_display_name></wp:author>\n`);
}
for (const slug of categories) {
  const parent = slug.includes("-") ? slug.split("-")[0]! : "";
  await write(`<wp:category><wp:category_nicename>${cdata(slug)}</wp:category_nicename><wp:category_parent>${cdata(parent)}</wp:category_parent><wp:cat_name>${cdata(slug.replace(/-/g, " "))}</wp:cat_name></wp:category>\n`);
}
for (const slug of tags) await write(`<wp:tag><wp:tag_slug>${cdata(slug)}</wp:tag_slug><wp:tag_name>${cdata(slug.replace(/-/g, " "))}</wp:tag_name></wp:tag>\n`);

let commentId = 1;
for (let n = 1; n <= posts; n++) {
  const day = new Date(Date.UTC(2015, 0, 1) + n * 6 * 3_600_000);
  const gmt = day.toISOString().slice(0, 19).replace("T", " ");
  const [y, m, d] = gmt.slice(0, 10).split("-");
  const slug = `post-${n}`;
  // Comments spread evenly: this post's share of the total, threaded two deep now and then.
  const count = Math.floor((n * commentTotal) / posts) - Math.floor(((n - 1) * commentTotal) / posts);
  let comments = "";
  const first = commentId;
  for (let c = 0; c < count; c++, commentId++) comments += comment(commentId, c > 0 && c % 3 === 0 ? first : c > 0 && c % 5 === 0 ? commentId - 1 : 0, commentId, gmt);
  const category = pick(categories, n);
  const postTags = [pick(tags, n), pick(tags, n * 3 + 1)];
  await write(
    `<item><title>${cdata(`${sentence(n, 6).slice(0, -1)} (${n})`)}</title><link>${SITE}/${y}/${m}/${d}/${slug}/</link><dc:creator>${cdata(pick(authors, n))}</dc:creator><guid isPermaLink="false">${SITE}/?p=${n}</guid><content:encoded>${cdata(body(n))}</content:encoded><excerpt:encoded>${cdata(sentence(n + 1, 12))}</excerpt:encoded><wp:post_id>${n}</wp:post_id><wp:post_date>${cdata(gmt)}</wp:post_date><wp:post_date_gmt>${cdata(gmt)}</wp:post_date_gmt><wp:post_modified_gmt>${cdata(gmt)}</wp:post_modified_gmt><wp:comment_status>open</wp:comment_status><wp:post_name>${cdata(slug)}</wp:post_name><wp:status>${cdata(n % 50 === 0 ? "draft" : "publish")}</wp:status><wp:post_type>${cdata("post")}</wp:post_type><category domain="category" nicename="${category}">${cdata(category)}</category>${postTags.map((tag) => `<category domain="post_tag" nicename="${tag}">${cdata(tag)}</category>`).join("")}\n${comments}</item>\n`,
  );
}
await write("</channel>\n</rss>\n");
stream.end();
await once(stream, "finish");
console.log(`Wrote ${out}: ${posts} posts, ${commentId - 1} comments, ${(fs.statSync(out).size / 1048576).toFixed(1)} MB`);
