import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import vnuJar from "vnu-jar";
import { slugify } from "@/lib/format/slug";
import { reference, storyPath } from "./demo";
import { linkTargets } from "./fixtures/html";

// The served HTML of one page of each public kind, checked by the W3C Nu HTML checker (the
// vnu-jar package, which needs Java 11 or later as `java`). The pages are fetched as a crawler
// gets them, written to a folder and checked in one run of the checker (it takes seconds to start).

/** The checker's jar: the vnu-jar package's main export is its path. */
const VNU_JAR = String(vnuJar);

/**
 * Findings of the checker that are wrong about these pages, each with why. Matched against the
 * message text; keep this short, and fix the page instead whenever the page is at fault.
 */
const FALSE_POSITIVES: { message: RegExp; why: string }[] = [];

type VnuMessage = { type: string; subType?: string; url?: string; lastLine?: number; lastColumn?: number; message: string; extract?: string };

/** The first link on the page at `from` whose path and query match `pattern` (e.g. an Older stories link). */
async function linkFrom(request: APIRequestContext, from: string, pattern: RegExp): Promise<string> {
  const html = await (await request.get(from)).text();
  const target = linkTargets(html, "http://site.invalid" + from).find((url) => pattern.test(url.pathname + url.search));
  if (!target) throw new Error(`No link matching ${pattern} on ${from}`);
  return target.pathname + target.search;
}

/** Runs the checker once on `files`; its JSON report lists errors only. */
function runVnu(files: string[]): VnuMessage[] {
  const run = spawnSync("java", ["-jar", VNU_JAR, "--format", "json", "--errors-only", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    throw new Error(
      `The HTML check needs Java 11 or later as \`java\` on PATH to run the Nu HTML checker (${run.error.message}). ` +
        "Install a Java runtime, e.g. `apt-get install openjdk-17-jre-headless`.",
    );
  }
  // The checker writes its JSON report to standard error and exits 1 when it finds errors.
  const report = run.stderr.trim();
  if (!report.startsWith("{")) throw new Error(`The Nu HTML checker did not report (exit ${run.status}): ${report || run.stdout}`);
  return (JSON.parse(report) as { messages: VnuMessage[] }).messages;
}

const readable = (m: VnuMessage) =>
  `${path.basename(m.url ?? "?")}:${m.lastLine ?? "?"}:${m.lastColumn ?? "?"} ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, " ")}` : ""}`;

test("one page of each public kind is valid HTML by the W3C Nu checker", async ({ request }, testInfo) => {
  test.setTimeout(120_000);
  // The article of the spec: with a hero photo, topics and related stories.
  expect(reference.tags.length).toBeGreaterThan(0);
  expect(reference.related.length).toBeGreaterThan(0);
  const pages: [name: string, path: string, status: number][] = [
    ["home", "/", 200],
    ["section", "/news/us", 200],
    ["article", storyPath(reference), 200],
    ["tag", `/tags/${slugify(reference.tags[0]!)}`, 200],
    ["author", `/authors/${reference.authors[0]!}`, 200],
    ["older-stories", await linkFrom(request, "/news", /^\/news\?before=\d+$/), 200],
    ["live", "/live", 200],
    ["live-audio", "/live/audio", 200],
    ["search", "/search?q=ferry+service", 200],
    ["search-nothing-found", "/search?q=ferri+servise&section=news", 200],
    ["search-malformed", "/search?q=ferry&from=someday", 400],
    ["not-found", "/news/no-such-story-here", 404],
  ];

  const dir = testInfo.outputPath("html");
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, pagePath, status] of pages) {
    const response = await request.get(pagePath, { maxRedirects: 0 });
    expect(response.status(), pagePath).toBe(status);
    expect(response.headers()["content-type"], pagePath).toMatch(/^text\/html/);
    const file = path.join(dir, `${name}.html`);
    fs.writeFileSync(file, await response.text());
    files.push(file);
  }

  const errors = runVnu(files).filter((m) => m.type === "error" || m.subType === "fatal");
  const real = errors.filter((m) => !FALSE_POSITIVES.some((allowed) => allowed.message.test(m.message)));
  expect(real.map(readable).join("\n"), `the pages are kept in ${dir}`).toBe("");
});

// Validating a page only means something if the served HTML is the page. Next.js answers a page
// that calls notFound() with an empty error shell (issue 62228 upstream); the server sends the
// site's not-found page in its place (lib/routing/not-found-page.ts), and this checks it did.
test("the 404 page is served with its content, not an empty shell", async ({ request }) => {
  const response = await request.get("/news/no-such-story-here");
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toMatch(/<html lang="en"/);
  expect(html.replace(/<script\b[\s\S]*?<\/script>/gi, "")).toMatch(/<h1\b[^>]*>Page not found<\/h1>/);
});
