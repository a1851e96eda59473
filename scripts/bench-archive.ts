// npm run bench:archive [-- --stories 100000] – what crawlers and feed readers cost with a large
// archive: every sitemap, the news sitemap, the feeds and the tag, author and section pages, each
// asked for once cold (rendered from the database) and then repeatedly (from the cache), on a
// PostgreSQL database of its own (BENCH_ARCHIVE_DATABASE_URL, by default `meridian_archive` on the
// local server, created and filled by db:seed-at-scale's generator the first time). Times are
// wall-clock from a client on the same machine; the repeated requests also give the server
// process's CPU time per request (/proc/<pid>/stat). Results go to bench-results/archive.json.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { XMLParser } from "fast-xml-parser";
import postgres from "postgres";
import { count, sql } from "drizzle-orm";
import { stories } from "@/db/schema";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { openCheckedDatabase, prepareDatabase } from "./lib/prepare-database";
import { cpuMsOf } from "./lib/process-memory";
import { seedAtScale } from "./lib/seed-at-scale";
import { startAppServer, waitForPort } from "./lib/server.mjs";

/** BENCH_ARCHIVE_PORT moves it off 3302 (another run, or another worktree's, may hold that port). */
const PORT = Number(process.env.BENCH_ARCHIVE_PORT || 3302);
const REPEATS = 50;
const site = `http://127.0.0.1:${PORT}`;

const { values } = parseArgs({ options: { stories: { type: "string", default: "100000" } } });
const wanted = Number(values.stories);
const databaseUrl = process.env.BENCH_ARCHIVE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/meridian_archive";
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
process.env.SITE_URL = site;
process.env.PORT = String(PORT);

/** Creates the benchmark's database on its server when it does not exist yet. */
async function ensureDatabase() {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = postgres(url.href, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!found) await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/** Fills an empty archive; an archive already filled is measured as it is. */
async function ensureArchive(): Promise<number> {
  await prepareDatabase({ seed: false, log: () => {} });
  const handle = await openCheckedDatabase();
  try {
    const total = async () => (await handle.db.select({ n: count() }).from(stories))[0]!.n;
    if ((await total()) === 0) {
      console.log(`Generating ${wanted} stories…`);
      await seedAtScale(handle.db, { stories: wanted, force: false });
      await handle.db.execute(sql`analyze sections, stories, tags, authors, story_tags, story_authors`);
    }
    return await total();
  } finally {
    await handle.close();
  }
}

async function timed(url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, status: response.status, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function measure(pid: number, path: string) {
  const cold = await timed(`${site}${path}`);
  if (cold.status !== 200) throw new Error(`${path} answered ${cold.status}`);
  const times: number[] = [];
  const cpuBefore = cpuMsOf(pid);
  for (let i = 0; i < REPEATS; i++) times.push((await timed(`${site}${path}`)).ms);
  return { path, coldMs: round(cold.ms), repeatedMedianMs: round(median(times)), cpuMsPerRepeat: round((cpuMsOf(pid) - cpuBefore) / REPEATS, 2), kB: round(cold.bytes / 1024) };
}

const parser = new XMLParser();
const locs = async (path: string): Promise<string[]> => {
  const xml = parser.parse(await (await fetch(`${site}${path}`)).text());
  const entries = xml.sitemapindex?.sitemap ?? xml.urlset?.url ?? [];
  return [entries].flat().map((entry: { loc: string }) => new URL(entry.loc).pathname);
};

try {
  await ensureDatabase();
  const archived = await ensureArchive();
  if (!isBuildCurrent()) {
    console.log("Building…");
    if (!(await buildApp())) throw new Error("The build failed");
  }
  const app = startAppServer({ port: PORT, quiet: true });
  await waitForPort(PORT);

  const sitemaps = await locs("/sitemap.xml");
  const storyPages = sitemaps.filter((path) => path.includes("/stories-"));
  const tagPage = (await locs(sitemaps.find((path) => path.includes("/tags-"))!))[0]!;
  const authorPage = (await locs(sitemaps.find((path) => path.includes("/authors-"))!))[0]!;
  const paths = [
    "/sitemap.xml",
    storyPages[0]!,
    storyPages.at(-1)!,
    ...sitemaps.filter((path) => !path.includes("/stories-")),
    "/feed.xml",
    "/feed.atom",
    "/feed.json",
    `${tagPage}/feed.xml`,
    `${authorPage}/feed.xml`,
    tagPage,
    authorPage,
  ];
  const results = [];
  for (const path of paths) {
    const result = await measure(app.pid!, path);
    results.push(result);
    console.log(`${path}: cold ${result.coldMs} ms, repeated ${result.repeatedMedianMs} ms (${result.cpuMsPerRepeat} ms CPU), ${result.kB} kB`);
  }
  fs.mkdirSync("bench-results", { recursive: true });
  const report = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}`, stories: archived, sitemapPages: storyPages.length, results };
  fs.writeFileSync("bench-results/archive.json", `${JSON.stringify(report, null, 2)}\n`);
  console.table(Object.fromEntries(results.map(({ path, ...figures }) => [path, figures])));
  app.kill();
  process.exit(0);
} catch (error) {
  fail(error);
}
