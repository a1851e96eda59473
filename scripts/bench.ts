// npm run bench [-- --quick] [-- --postgres] – the one place performance is measured (issue 12):
// for each corpus (the demo edition plus 1,000 and 100,000 generated stories with ~10 comments
// each; --quick: 1,000 only) on PGlite, and with --postgres (meridian_bench on the local server) or
// BENCH_DATABASE_URL also on a PostgreSQL server (that database is DROPPED and made again), starts the app as `npm start` does
// and measures with autocannon, after a warm-up, in interleaved rounds: the article cached and
// uncached, home, section pages, a feed, a sitemap page, search, the newsroom's list, searches and
// moderation queue, comment posting, and a static server sending the cached article's bytes. Writes
// bench/results/{report.md,chart.svg,results.json} and bench-results/latest.json; exits 1 when a
// target (scripts/lib/bench/targets.ts) is missed by more than the noise the rounds measured.
// Ports 3300 (app), 3301 (static server) and 3302 (the framework floor, bench/floor), or BENCH_PORT
// and the two after it; data in .data/bench.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import type { CorpusFacts } from "./lib/bench/corpus";
import { renderChart } from "./lib/bench/chart";
import { buildFloor, floorPlans, startFloor } from "./lib/bench/floor";
import { HEAVY_CONNECTIONS, loadPlans, type LoadPlan } from "./lib/bench/loads";
import { measureRound, NpmStart, type CpuReader } from "./lib/bench/measure";
import { cpuMsOf, processesMatching, treeCpuMs } from "./lib/process-memory";
import { renderReport } from "./lib/bench/report";
import { configurationName, type BenchRun, type Configuration, type Load, type Round } from "./lib/bench/results";
import { checkTargets, failures } from "./lib/bench/targets";
import { measureLiveChangeToVisible, measurePublishToVisible } from "./lib/bench/visibility";
import { waitForPort } from "./lib/server.mjs";

const APP_PORT = Number(process.env.BENCH_PORT ?? 3300);
/** The static server and the framework floor listen on the next two ports. */
const STATIC_PORT = APP_PORT + 1;
const FLOOR_PORT = APP_PORT + 2;
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/meridian_bench";
const site = `http://127.0.0.1:${APP_PORT}`;
const dataRoot = path.resolve(".data/bench");

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    stories: { type: "string" },
    rounds: { type: "string" },
    seconds: { type: "string" },
    databases: { type: "string" },
    // Renders the report and chart again from a results.json (after changing how they render).
    report: { type: "string" },
  },
});
const quick = values.quick;
const sizes = (values.stories ?? (quick ? "1000" : "1000,100000")).split(",").map(Number);
const rounds = Number(values.rounds ?? (quick ? 2 : 3));
const seconds = Number(values.seconds ?? (quick ? 3 : 5));
const postgresUrl = process.env.BENCH_DATABASE_URL || (values.postgres ? DEFAULT_POSTGRES : undefined);
const authSecret = randomBytes(32).toString("base64url");

/** The database settings of one configuration, for the corpus child and `npm start`. */
function databaseEnv(database: Configuration["database"]): Record<string, string> {
  const common = { AUTH_SECRET: authSecret, SITE_URL: site, PORT: String(APP_PORT), NEXT_TELEMETRY_DISABLED: "1" };
  return database === "postgres" ? { ...common, DATABASE_URL: postgresUrl! } : { ...common, DATA_DIR: path.join(dataRoot, "pglite") };
}

function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return env;
}

/** Seeds a fresh corpus in a child (scripts/lib/bench/corpus.ts) and returns what the loads need. */
function prepareCorpus(database: Configuration["database"], stories: number): Promise<CorpusFacts> {
  return new Promise((resolve, reject) => {
    let facts: CorpusFacts | undefined;
    const child = fork("scripts/lib/bench/corpus.ts", [], {
      execArgv: ["--import", "tsx"],
      env: { ...withoutDatabaseUrl(), ...databaseEnv(database), BENCH_STORIES: String(stories), BENCH_COMMENTS: "10" },
    });
    child.on("message", (message) => (facts = message as CorpusFacts));
    child.on("exit", (code) => (facts && code === 0 ? resolve(facts) : reject(new Error(`Seeding the ${database} corpus failed (exit ${code})`))));
  });
}

async function startStatic(html: Buffer): Promise<{ child: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-static-"));
  fs.writeFileSync(path.join(dir, "index.html"), html);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/static-server.ts", dir, String(STATIC_PORT)], { stdio: "inherit" });
  await waitForPort(STATIC_PORT);
  return { child, dir };
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!.replace(/&amp;/g, "&")).pathname);

/**
 * Whether the load's route answers 200 (a route not built yet, such as /search, is reported so),
 * and how many URLs it lists when it is a sitemap.
 */
async function probe(plan: LoadPlan): Promise<Pick<Load, "notBuilt" | "entries">> {
  if (!plan.probe) return {};
  const response = await fetch(`${site}${plan.probe.path}`, { headers: plan.probe.headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) return { notBuilt: `answered ${response.status}` };
  return plan.id === "sitemap" ? { entries: locs(body).length } : {};
}

/** The servers measured beside the app: the static server and the framework floor. */
interface OtherServers {
  staticPid: number;
  floorPid: number;
}

/**
 * The CPU time of what serves the app's loads: every process `npm start` runs and, on PostgreSQL,
 * the database server's backends connected to the benchmark's database (PGlite runs inside the
 * server process, so both sides count the database's work). The static server and the framework
 * floor are processes of their own.
 */
function cpuReader(plan: LoadPlan, app: NpmStart, others: OtherServers, database: Configuration["database"]): CpuReader {
  if (plan.kind === "static") return () => treeCpuMs(others.staticPid);
  if (plan.kind === "floor") return () => treeCpuMs(others.floorPid);
  const name = database === "postgres" ? new URL(postgresUrl!).pathname.slice(1) : undefined;
  const backend = name ? new RegExp(`^postgres: .* ${name.replace(/[^\w]/g, "\\$&")} `) : undefined;
  return () => {
    const cpu = treeCpuMs(app.pid);
    for (const pid of backend ? processesMatching(backend) : []) cpu.set(pid, cpuMsOf(pid));
    return cpu;
  };
}

type PeaksPerRound = Pick<Configuration, "peakTotalMbPerRound" | "peakPssMbPerRound" | "peakResidentMbPerRound">;

/** Every load's warm-up, then `rounds` interleaved rounds; a load under which the server died is not asked again. */
async function measureLoads(app: NpmStart, plans: LoadPlan[], others: OtherServers, database: Configuration["database"]): Promise<{ loads: Load[] } & Required<PeaksPerRound>> {
  const loads: Load[] = plans.map((plan) => ({ id: plan.id, label: plan.label, kind: plan.kind, target: plan.target, rounds: [] }));
  /** Starts the server again if it died, and warms the caches of every other load it had. */
  const ensureRunning = async (plan: LoadPlan) => {
    if (app.running) return;
    console.log("   starting npm start again, and warming its caches…");
    await app.start();
    for (const [index, other] of plans.entries()) {
      const ready = other !== plan && !loads[index]!.notBuilt && !loads[index]!.failure;
      if (ready) await measureRound(cpuReader(other, app, others, database), other.options("warm-up"));
    }
  };
  const attempt = async (plan: LoadPlan, load: Load, round: "warm-up" | number) => {
    await ensureRunning(plan);
    app.takeLoadPeak();
    const result: Round = await measureRound(cpuReader(plan, app, others, database), plan.options(round));
    if (plan.kind !== "static" && plan.kind !== "floor") result.peakResidentMb = app.takeLoadPeak();
    if (!app.running) {
      load.failure = `the server died under this load (${app.exitReason()})`;
      console.log(`   ${plan.label}: ${load.failure}`);
      app.stop();
      return;
    }
    if (round === "warm-up") return;
    load.rounds.push(result);
    const failed = result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : "";
    console.log(`   round ${round} ${plan.label}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, ${result.cpuMsPerRequest.toFixed(3)} ms CPU${failed}`);
  };
  for (const [index, plan] of plans.entries()) {
    const load = loads[index]!;
    await ensureRunning(plan);
    Object.assign(load, await probe(plan));
    if (load.notBuilt) console.log(`   ${plan.label}: ${load.notBuilt}, not measured`);
    else await attempt(plan, load, "warm-up");
  }
  app.takeRoundPeak();
  const peaks: Required<PeaksPerRound> = { peakTotalMbPerRound: [], peakPssMbPerRound: [], peakResidentMbPerRound: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const [index, plan] of plans.entries()) {
      const load = loads[index]!;
      if (!load.notBuilt && !load.failure) await attempt(plan, load, round);
    }
    const peak = app.takeRoundPeak();
    peaks.peakTotalMbPerRound.push(peak.rssMb);
    peaks.peakPssMbPerRound.push(peak.pssMb);
    peaks.peakResidentMbPerRound.push(peak.residentMb);
    console.log(`   round ${round} memory of npm start at its peak: ${peak.residentMb} MB resident in total (PSS sum ${peak.pssMb} MB, RSS sum ${peak.rssMb} MB)`);
  }
  return { loads, ...peaks };
}

async function runConfiguration(database: Configuration["database"], stories: number): Promise<Configuration> {
  const name = configurationName({ database, stories });
  console.log(`\n== ${name}: seeding…`);
  const seeded = Date.now();
  const facts = await prepareCorpus(database, stories);
  const seedSeconds = (Date.now() - seeded) / 1000;
  console.log(`   seeded in ${seedSeconds.toFixed(0)} s; starting npm start…`);
  const app = new NpmStart(APP_PORT, { ...databaseEnv(database), COMMENTS_PER_ADDRESS_PER_MINUTE: "999999", COMMENTS_PER_STORY_PER_MINUTE: "999999" });
  let statics: Awaited<ReturnType<typeof startStatic>> | undefined;
  let floor: ChildProcess | undefined;
  try {
    await app.start();
    for (let i = 0; i < 3; i++) await fetch(`${site}${facts.articlePath}`).then((r) => r.arrayBuffer());
    const article = await fetch(`${site}${facts.articlePath}`);
    const html = Buffer.from(await article.arrayBuffer());
    statics = await startStatic(html);
    const sitemaps = locs(await fetch(`${site}/sitemap.xml`).then((r) => r.text()));
    const sitemapPage = sitemaps.find((candidate) => candidate.includes("/stories-")) ?? "/sitemap.xml";
    floor = await startFloor(FLOOR_PORT);
    const settings = { site, staticSite: `http://127.0.0.1:${STATIC_PORT}`, seconds, warmSeconds: quick ? 1 : 2, rounds };
    const plans = [...loadPlans(facts, sitemapPage, settings), ...floorPlans({ ...settings, floorSite: `http://127.0.0.1:${FLOOR_PORT}`, connections: HEAVY_CONNECTIONS })];
    const { loads, ...peaks } = await measureLoads(app, plans, { staticPid: statics.child.pid!, floorPid: floor.pid! }, database);
    console.log("   publish → visible and live change → visible…");
    if (!app.running) await app.start();
    const publishToVisibleMs = await measurePublishToVisible(site, facts.token, quick ? 3 : 5).catch(() => []);
    const liveChangeToVisibleMs = await measureLiveChangeToVisible(site, facts.token, quick ? 2 : 6).catch(() => []);
    app.stop();
    return { database, stories, comments: facts.comments, seedSeconds, loads, ...peaks, processes: app.processes(), publishToVisibleMs, liveChangeToVisibleMs };
  } finally {
    app.stop();
    statics?.child.kill();
    floor?.kill();
    if (statics) fs.rmSync(statics.dir, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    fs.rmSync(path.join(dataRoot, "pglite"), { recursive: true, force: true });
  }
}

function write(run: BenchRun): void {
  const checks = checkTargets(run);
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/report.md", renderReport(run, checks));
  fs.writeFileSync("bench/results/chart.svg", renderChart(run));
  fs.writeFileSync("bench/results/results.json", `${JSON.stringify({ ...run, checks }, null, 2)}\n`);
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync("bench-results/latest.json", `${JSON.stringify({ ...run, checks }, null, 2)}\n`);
}

if (values.report) {
  // Several files: their configurations in one report (flat cost compares within one database).
  const [first, ...others] = values.report.split(",").map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as BenchRun & { checks?: unknown });
  const { date, machine, quick: wasQuick, secondsPerRound, rounds: saved } = first!;
  const configurations = [first!, ...others].flatMap((other) => other.configurations);
  write({ date, machine, quick: wasQuick, secondsPerRound, rounds: saved, configurations });
  console.log("Report: bench/results/report.md, chart: bench/results/chart.svg");
  process.exit(0);
}

try {
  if (!isBuildCurrent()) {
    console.log("Building…");
    if (!(await buildApp())) throw new Error("The build failed");
  }
  buildFloor();
  const databases = (values.databases ?? (postgresUrl ? "pglite,postgres" : "pglite")).split(",") as Configuration["database"][];
  if (databases.some((database) => database !== "pglite" && database !== "postgres")) throw new Error("--databases takes pglite, postgres or both");
  if (databases.includes("postgres") && !postgresUrl) throw new Error("PostgreSQL needs --postgres or BENCH_DATABASE_URL");
  const run: BenchRun = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${process.platform} ${process.arch}, node ${process.version}`,
    quick,
    secondsPerRound: seconds,
    rounds,
    configurations: [],
  };
  for (const database of databases) {
    for (const stories of sizes) {
      run.configurations.push(await runConfiguration(database, stories));
      write(run);
    }
  }
  const checks = checkTargets(run);
  for (const check of checks) console.log(`${check.verdict === "fail" ? "FAIL" : check.verdict === "pass" ? "pass" : "noise"}  ${check.target} — ${check.where}: ${check.measured.toFixed(2)}`);
  const failed = failures(checks);
  console.log(`\nReport: bench/results/report.md, chart: bench/results/chart.svg`);
  if (failed.length) {
    console.log(`Targets missed by more than the noise:\n${failed.map((c) => `  - ${c.target} (${c.where}): ${c.measured.toFixed(2)}`).join("\n")}`);
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  fail(error);
}
