// npm run measure:memory [-- --stories N --pages N --data-dir DIR] – the resident memory of `npm start`, every
// process it runs (npm itself, the supervisor, the server), on a fresh data directory in /tmp.
// With --stories, the directory is first filled with N generated stories (scripts/lib/seed-at-scale.ts)
// beside the demo edition (or --data-dir: a data directory seeded before, used as it is). After the start it reads every address in the sitemaps (home, sections,
// tags, authors, articles; at most --pages of them) so the page cache fills, then reads /proc.
// It fails (exit 1) when the total — each resident page counted once: node's code, mapped by npm
// and the server, is one copy (scripts/lib/process-memory.ts, residentUnionKb) — is over --target MB
// (default 300, issue 12's budget for 100,000 stories and a full page cache). Port: MEASURE_PORT (default 3206). Results: bench-results/memory.json.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { explainFailure } from "./lib/cli";
import { openCheckedDatabase, prepareDatabase } from "./lib/prepare-database";
import { processTree, residentBreakdown, treeTotals, type ProcessMemory } from "./lib/process-memory";
import { seedAtScale } from "./lib/seed-at-scale";
import { waitForPort } from "./lib/server.mjs";

const { values } = parseArgs({
  options: {
    stories: { type: "string", default: "0" },
    pages: { type: "string", default: "0" },
    target: { type: "string", default: "300" },
    // An existing PGlite data directory (a corpus seeded before): used as it is, and kept.
    "data-dir": { type: "string" },
  },
});
const targetMb = Number(values.target);
const stories = Number(values.stories);
const maxPages = Number(values.pages) || Infinity;
const port = Number(process.env.MEASURE_PORT ?? 3206);
const givenDir = values["data-dir"] && path.resolve(values["data-dir"]);
const dataDir = givenDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "meridian-memory-"));
const site = `http://127.0.0.1:${port}`;
const settings = {
  DATA_DIR: dataDir,
  PORT: String(port),
  SITE_URL: site,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  NEXT_TELEMETRY_DISABLED: "1",
};
Object.assign(process.env, settings);
delete process.env.DATABASE_URL;

async function seedArchive(): Promise<void> {
  await prepareDatabase({ seed: true, log: () => {} });
  const handle = await openCheckedDatabase();
  try {
    await seedAtScale(handle.db, { stories, force: true });
    await handle.db.execute(sql`analyze`);
  } finally {
    await handle.close();
  }
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));

/** Every address in the sitemaps, pages first; the sitemap documents themselves are read too. */
async function sitemapPages(): Promise<string[]> {
  const index = await fetch(`${site}/sitemap.xml`).then((response) => response.text());
  const pages: string[] = [];
  for (const sitemap of locs(index)) {
    pages.push(...locs(await fetch(sitemap).then((response) => response.text())));
    if (pages.length >= maxPages) break;
  }
  return pages.slice(0, maxPages);
}

async function warm(urls: string[]): Promise<{ pages: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const response = await fetch(url.replace(/^https?:\/\/[^/]+/, site));
      await response.arrayBuffer();
      if (!response.ok) failed++;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { pages: urls.length, failed };
}

/** The tree, and where the largest process (the server) keeps its memory. */
function show(label: string, tree: ProcessMemory[]) {
  const totals = treeTotals(tree);
  console.log(`\n${label}: ${totals.unionMb} MB resident in total, each page once (PSS sum ${totals.pssMb} MB, RSS sum ${totals.rssMb} MB)`);
  const short = (command: string) => (command.length > 90 ? `${command.slice(0, 87)}…` : command);
  console.table(tree.map(({ pid, rssMb, pssMb, peakMb, command }) => ({ pid, "RSS MB": rssMb, "PSS MB": pssMb, "peak RSS MB": peakMb, command: short(command) })));
  const server = [...tree].sort((a, b) => b.rssMb - a.rssMb)[0];
  const breakdown = server && residentBreakdown(server.pid);
  if (breakdown) {
    console.log(
      `Server (pid ${server.pid}), MB: ${breakdown.files} mapped files (node's code), ${breakdown.wasm} PGlite's WebAssembly memory, ` +
        `${breakdown.malloc} malloc heap (Buffers, native), ${breakdown.anonymous} other anonymous (V8 heap, JIT code, threads)`,
    );
  }
  return { breakdown, totals };
}

let start: ReturnType<typeof spawn> | undefined;
try {
  if (stories > 0 && !givenDir) {
    console.log(`Seeding ${stories} stories into ${dataDir}…`);
    await seedArchive();
  }
  const started = Date.now();
  start = spawn("npm", ["start"], { env: { ...process.env, ...settings }, stdio: ["ignore", "pipe", "inherit"], detached: true });
  start.stdout!.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  await waitForPort(port, 20 * 60_000);
  const startSeconds = (Date.now() - started) / 1000;
  const afterStart = processTree(start.pid!);
  show("After the start", afterStart);

  const pages = await sitemapPages();
  console.log(`\nReading ${pages.length} pages to fill the page cache…`);
  const warmed = await warm([`${site}/`, ...pages]);
  // A second pass: pages evicted while the first filled the cache come back, and hits are served.
  await warm([`${site}/`, ...pages.slice(0, 200)]);
  const afterWarm = processTree(start.pid!);
  const { breakdown: serverBreakdown, totals } = show(`After reading ${warmed.pages + 1} pages (${warmed.failed} not 2xx)`, afterWarm);

  fs.mkdirSync("bench-results", { recursive: true });
  const result = {
    date: new Date().toISOString(),
    stories,
    startSeconds,
    pagesRead: warmed.pages + 1,
    afterStart,
    afterWarm,
    serverBreakdown,
    totalMb: totals.unionMb,
    pssSumMb: totals.pssMb,
    rssSumMb: totals.rssMb,
    targetMb,
  };
  fs.writeFileSync("bench-results/memory.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log("\nWritten to bench-results/memory.json");
  if (result.totalMb > targetMb) {
    console.error(`Over the target: ${result.totalMb} MB resident in total, at most ${targetMb} MB wanted.`);
    process.exitCode = 1;
  } else console.log(`Within the target: ${result.totalMb} MB of at most ${targetMb} MB.`);
} catch (error) {
  console.error(explainFailure(error));
  process.exitCode = 1;
} finally {
  if (start?.pid) process.kill(-start.pid, "SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (!givenDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
