// npm run test:faults – the application under a mixed load (article reads, comment posts, newsroom
// saves and publishing) while its database fails in every way the brief of issue 15 names, one
// after another: sessions terminated, restarted (fast), crash-stopped and started, stopped for
// 30 s; the application itself killed (-9) during writes, on PostgreSQL and on PGlite; the upload
// disk full; 50 saves of one story at once; a database that answers 500 ms late. In every case:
// no 500 (503 with Retry-After instead), no request hung, no acknowledged write lost or stored
// twice, the process alive (or restarted cleanly), service back within 5 s of the database.
// Writes a JSON report (bench-results/faults.json) and prints the table. Runs its own PostgreSQL
// server (scripts/lib/faults/postgres-server.ts) and the built application on its own ports.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { storyRevisions } from "@/db/schema";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { checkWrites } from "./lib/faults/verify";
import { FAILING_STATUSES, Load, makeDrafts, newTally, send, type Draft, type LoadTarget, type Tally } from "./lib/faults/load";
import { PostgresServer, type StopMode } from "./lib/faults/postgres-server";
import type { SiteFacts } from "./lib/faults/prepare-site";
import { prepareSite } from "./lib/faults/site";
import { formatTable, type FaultResult } from "./lib/faults/report";
import { startSlowProxy } from "./lib/faults/slow-proxy";
import { canMount, checkUploadDisk, mountSmallUploadDisk, noisePng } from "./lib/faults/upload-disk";
import { startAppServer, waitForPort } from "./lib/server.mjs";

const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 55_440);
const PROXY_PORT = PG_PORT + 1;
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3520);
const PGLITE_APP_PORT = APP_PORT + 1;
const REPORT = "bench-results/faults.json";
/** The load runs this long before each fault and after service is back. */
const SETTLE_MS = 1500;
const WARM_UP_MS = 4000;
/** Service must be back this soon after the database accepts connections again. */
const RECOVERY_LIMIT_MS = 5000;
/**
 * A killed server (case 5) must start again cleanly and serve: its own start (Next, and PGlite
 * replaying its log) takes longer than 5 s on a busy machine, and the database never went away.
 */
const RESTART_LIMIT_MS = 30_000;
const SLOW_DATABASE_MS = 500;
const SLOW_PHASE_MS = 10_000;
const CONCURRENT_SAVES = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runId = Date.now().toString(36);

/** An application process and how to start it again. */
class App {
  process!: ChildProcess;
  readonly site: string;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.site = `http://127.0.0.1:${port}`;
  }
  /** Starts the server; answers how long it took to accept connections, ms. */
  async start(): Promise<number> {
    const started = Date.now();
    this.process = startAppServer({ port: this.port, quiet: true, env: this.env });
    await waitForPort(this.port);
    return Date.now() - started;
  }
  get alive() {
    return this.process.exitCode === null && this.process.signalCode === null;
  }
  kill9(): Promise<void> {
    return new Promise((resolve) => {
      this.process.once("exit", () => resolve());
      this.process.kill("SIGKILL");
    });
  }
  stop(): Promise<void> {
    if (!this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      this.process.once("exit", () => resolve());
      this.process.kill("SIGTERM");
    });
  }
}

/**
 * Reads one story through the admin API every 100 ms (the token and the story both come from the
 * database): when service came back is the first 200 after a given moment.
 */
class Probe {
  private oks: number[] = [];
  private running = true;
  private readonly done: Promise<void>;
  constructor(site: string, facts: SiteFacts, storyId: number, tally: Tally) {
    this.done = (async () => {
      while (this.running) {
        const { status } = await send(tally, `${site}/api/admin/stories/${storyId}`, { headers: { Authorization: `Bearer ${facts.token}` } });
        if (status === "200") this.oks.push(Date.now());
        await sleep(100);
      }
    })();
  }
  /** Milliseconds from `since` to the first answer 200 after it; waits up to 60 s for one. */
  async recoveredAfter(since: number): Promise<number | null> {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
      const first = this.oks.find((at) => at >= since);
      if (first !== undefined) return first - since;
    }
    return null;
  }
  stop(): Promise<void> {
    this.running = false;
    return this.done;
  }
}

interface Setting {
  app: App;
  target: LoadTarget;
  /** The database, read directly (not through the slow proxy) to check the writes. */
  open: () => DbHandle;
}

/**
 * Runs the load, injects a fault once it is going, waits for service after the moment `inject`
 * answers (the database accepting connections again), lets the load run on, then checks
 * every acknowledged write.
 */
async function underLoad(
  fault: string,
  setting: Setting,
  inject: (tally: Tally) => Promise<{ backAt: number; extra?: Partial<FaultResult> }>,
): Promise<FaultResult> {
  const label = `${runId}${fault.replace(/\W+/g, "").slice(0, 12)}`;
  const tally = newTally();
  const load = new Load(setting.target, tally, label);
  console.log(`\n${fault}`);
  load.start();
  const probe = new Probe(setting.app.site, setting.target.facts, setting.target.drafts[0]!.id, tally);
  await sleep(SETTLE_MS);
  const { backAt, extra } = await inject(tally);
  const recoveryMs = await probe.recoveredAfter(backAt);
  await sleep(SETTLE_MS);
  await load.stop();
  await probe.stop();
  const handle = setting.open();
  try {
    const check = await checkWrites(handle.db, label, tally.ledger);
    return finish({ fault, tally, check, recoveryMs, alive: setting.app.alive, ...extra });
  } finally {
    await handle.close();
  }
}

function finish(result: Omit<FaultResult, "problems"> & { problems?: string[] }): FaultResult {
  const { tally, check } = result;
  const problems = [...(result.problems ?? []), ...check.problems.slice(0, 5)];
  for (const status of FAILING_STATUSES) {
    if (tally.statuses[status]) problems.push(`${tally.statuses[status]} requests: ${status} (${tally.examples[status]?.join(", ")})`);
  }
  // A killed application answers nothing until it is back: expected there only.
  if (tally.statuses["no answer"] && !result.fault.startsWith("5.")) problems.push(`${tally.statuses["no answer"]} requests got no answer`);
  for (const status of Object.keys(tally.statuses)) {
    if (/^5\d\d$/.test(status) && status !== "503" && status !== "507" && status !== "500") problems.push(`${tally.statuses[status]} answers ${status}`);
  }
  if (check.lost) problems.push(`${check.lost} acknowledged writes lost`);
  if (check.duplicated) problems.push(`${check.duplicated} writes stored twice`);
  if (!result.alive) problems.push("the application process died");
  if (result.recoveryMs === null) problems.push("service did not come back within 60 s");
  else if (result.recoveryMs > (result.fault.startsWith("5.") ? RESTART_LIMIT_MS : RECOVERY_LIMIT_MS)) {
    problems.push(`service came back after ${(result.recoveryMs / 1000).toFixed(1)} s`);
  }
  console.log(`  ${problems.length ? `FAILED: ${problems.join("; ")}` : "ok"}`);
  return { ...result, problems };
}

/**
 * The load for a few seconds before the first fault, not counted: a fresh server loads each
 * route's code on its first request, which is its start's cost, not a fault's.
 */
async function warmUp(target: LoadTarget): Promise<void> {
  const load = new Load(target, newTally(), `${runId}warm`);
  load.start();
  await sleep(WARM_UP_MS);
  await load.stop();
}

/** Case 5 counts the time to recover from when the restarted server accepts connections. */
const restartNote = (startMs: number) => `the server took ${(startMs / 1000).toFixed(1)} s to start again; time to recover counted from then`;

/** 7: saves of one story, all at the revision it has now: one is written, the others get 409. */
async function concurrentSaves(setting: Setting, story: Draft): Promise<FaultResult> {
  return underLoad(`7. ${CONCURRENT_SAVES} concurrent saves of one story`, setting, async (tally) => {
    const base = story.revision;
    const headers = { Authorization: `Bearer ${setting.target.facts.token}`, "Content-Type": "application/json" };
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT_SAVES }, (_, n) =>
        send(tally, `${setting.app.site}/api/admin/stories/${story.id}`, {
          method: "PATCH",
          headers,
          body: JSON.stringify({ ...story.fields, deck: `concurrent ${runId} ${n}`, baseRevision: base }),
        }),
      ),
    );
    const problems: string[] = [];
    const saved = answers.flatMap((answer, n) => (answer.status === "200" ? [`concurrent ${runId} ${n}`] : []));
    const refused = answers.filter((answer) => answer.status === "409");
    if (saved.length !== 1 || refused.length !== CONCURRENT_SAVES - 1) {
      problems.push(`expected one 200 and ${CONCURRENT_SAVES - 1} 409, got ${saved.length} and ${refused.length}`);
    }
    const handle = setting.open();
    try {
      const rows = await handle.db
        .select({ revision: storyRevisions.revision, deck: sql<string>`${storyRevisions.snapshot}->>'deck'` })
        .from(storyRevisions)
        .where(eq(storyRevisions.storyId, story.id))
        .orderBy(asc(storyRevisions.revision));
      const revisions = rows.map((row) => row.revision);
      const gapless = revisions.every((revision, index) => revision === index + 1);
      const last = rows.at(-1);
      if (!gapless || revisions.length !== base + 1) problems.push(`revisions ${revisions.join(",")} after ${base} + 1 save`);
      if (saved.length === 1 && last?.deck !== saved[0]) problems.push("the last revision is not the save answered 200");
    } finally {
      await handle.close();
    }
    story.revision = base + 1;
    return { backAt: Date.now(), extra: { problems, acknowledgedExtra: saved.length, foundExtra: saved.length } };
  });
}

/** 6: images uploaded until the upload disk is full, while readers read. */
async function uploadDiskFull(setting: Setting, uploads: string): Promise<FaultResult> {
  const image = await noisePng(400);
  const uploaded: number[] = [];
  let full: { status: string; message: unknown } | undefined;
  const result = await underLoad("6. upload disk full", setting, async (tally) => {
    for (let n = 0; n < 20 && !full; n++) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(image)], { type: "image/png" }), `noise-${n}.png`);
      form.append("alt", `Noise ${n}`);
      const answer = await send(tally, `${setting.app.site}/api/admin/media`, {
        method: "POST",
        headers: { Authorization: `Bearer ${setting.target.facts.token}` },
        body: form,
      });
      if (answer.status === "201") uploaded.push(Number(answer.body.id));
      else full = { status: answer.status, message: answer.body.error };
    }
    return { backAt: Date.now() };
  });
  const handle = setting.open();
  try {
    const disk = await checkUploadDisk(handle.db, uploads);
    const problems = [...result.problems];
    if (full?.status !== "507") problems.push(`the upload that did not fit was answered ${full?.status ?? "(every upload fitted)"}`);
    if (disk.partialFiles.length) problems.push(`half-written files: ${disk.partialFiles.join(", ")}`);
    if (disk.orphanFiles.length) problems.push(`files without a media row: ${disk.orphanFiles.join(", ")}`);
    if (disk.danglingRows.length) problems.push(`media rows without their file: ${disk.danglingRows.join(", ")}`);
    if (result.tally.cachedReads.ok !== result.tally.cachedReads.sent) problems.push("reads failed while the disk was full");
    console.log(`  uploads stored: ${uploaded.length}; the next: ${full?.status} "${String(full?.message)}"`);
    return { ...result, problems, note: `${uploaded.length} uploads stored, then ${full?.status}: ${String(full?.message)}`, acknowledgedExtra: uploaded.length, foundExtra: uploaded.length };
  } finally {
    await handle.close();
  }
}

async function main() {
  fs.rmSync(REPORT, { force: true });
  if (!isBuildCurrent() && !(await buildApp())) throw new Error("The build failed");
  const pg = new PostgresServer(PG_PORT);
  const proxy = await startSlowProxy(PROXY_PORT, PG_PORT);
  const work = path.join(pg.dir, "app");
  const pgliteWork = path.join(pg.dir, "app-pglite");
  const common = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SITE_URL: "http://localhost",
    COMMENTS_PER_ADDRESS_PER_MINUTE: "100000",
    COMMENTS_PER_STORY_PER_MINUTE: "100000",
  };
  const apps: App[] = [];
  let unmount = () => {};
  const results: FaultResult[] = [];
  const started = Date.now();
  try {
    console.log(`PostgreSQL on port ${PG_PORT} (the application reaches it through a proxy on ${PROXY_PORT})`);
    const pgliteEnv = { ...common, DATABASE_URL: "", DATA_DIR: pgliteWork };
    // PGlite's database is made meanwhile (initdb and the seed take a while on a busy machine).
    const pglitePrepared = prepareSite(pgliteEnv);
    pglitePrepared.catch(() => {});
    await pg.create("meridian");
    const pgEnv = { ...common, DATABASE_URL: `postgres://postgres@127.0.0.1:${PROXY_PORT}/meridian`, DATA_DIR: work };
    const facts = await prepareSite(pgEnv);
    if (canMount()) unmount = mountSmallUploadDisk(path.join(work, "uploads"));
    const app = new App(APP_PORT, pgEnv);
    apps.push(app);
    await app.start();
    const drafts = await makeDrafts(app.site, facts, 3);
    const [contested] = await makeDrafts(app.site, facts, 1);
    const setting: Setting = { app, target: { site: app.site, facts, drafts }, open: () => openPostgres(pg.url("meridian"), { max: 2 }) };
    await warmUp(setting.target);

    results.push(
      await underLoad("1. every database session terminated", setting, async () => {
        const ended = await pg.terminateSessions("meridian");
        console.log(`  ${ended} sessions terminated`);
        return { backAt: Date.now() };
      }),
    );
    results.push(
      await underLoad("2. database restarted (fast)", setting, async () => {
        await pg.restart("fast");
        return { backAt: Date.now() };
      }),
    );
    /** The database stopped in `mode`, down for `downMs`, started again. */
    const stopAndStart = (mode: StopMode, downMs: number) => async () => {
      await pg.stop(mode);
      await sleep(downMs);
      await pg.start();
      return { backAt: Date.now() };
    };
    results.push(await underLoad("3. database crash-stopped (immediate), then started", setting, stopAndStart("immediate", 1000)));
    results.push(await underLoad("4. database stopped for 30 s", setting, stopAndStart("fast", 30_000)));
    results.push(
      await underLoad("5. application killed (-9) during writes, PostgreSQL", setting, async () => {
        await app.kill9();
        const startMs = await app.start();
        return { backAt: Date.now(), extra: { note: restartNote(startMs) } };
      }),
    );
    if (canMount()) results.push(await uploadDiskFull(setting, path.join(work, "uploads")));
    else console.log("\n6. upload disk full: not run (mounting a tmpfs needs root)");
    results.push(await concurrentSaves(setting, contested!));
    results.push(
      await underLoad(`8. database ${SLOW_DATABASE_MS} ms late per query`, setting, async (tally) => {
        const before = { ...tally.cachedReads };
        proxy.setDelay(SLOW_DATABASE_MS);
        await sleep(SLOW_PHASE_MS);
        proxy.setDelay(0);
        const cached = { sent: tally.cachedReads.sent - before.sent, ok: tally.cachedReads.ok - before.ok };
        const problems = cached.ok === cached.sent ? [] : [`${cached.sent - cached.ok} of ${cached.sent} cached reads failed while the database was slow`];
        const note = `${cached.ok} of ${cached.sent} cached reads answered 200 while the database was slow; the slowest answer took ${(tally.slowestMs / 1000).toFixed(1)} s`;
        return { backAt: Date.now(), extra: { note, problems } };
      }),
    );
    await app.stop();

    // 5 again on the embedded database: acknowledged means on disk when the process dies.
    const pgliteFacts = await pglitePrepared;
    const pgliteApp = new App(PGLITE_APP_PORT, pgliteEnv);
    apps.push(pgliteApp);
    await pgliteApp.start();
    const pgliteDrafts = await makeDrafts(pgliteApp.site, pgliteFacts, 3);
    results.push(await pgliteKill(pgliteApp, { site: pgliteApp.site, facts: pgliteFacts, drafts: pgliteDrafts }, pgliteWork));
  } finally {
    for (const app of apps) await app.stop();
    await proxy.close();
    try {
      unmount();
    } catch (error) {
      console.error(`Unmounting the upload disk failed: ${(error as Error).message}`);
    }
    await pg.destroy();
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const failed = results.filter((result) => result.problems.length).length;
  const report = {
    seconds,
    passed: results.length - failed,
    failed,
    faults: results.map((result) => ({
      fault: result.fault,
      sent: result.tally.sent,
      statuses: result.tally.statuses,
      acknowledged: result.check.acknowledged + (result.acknowledgedExtra ?? 0),
      found: result.check.found + (result.foundExtra ?? 0),
      lost: result.check.lost,
      duplicated: result.check.duplicated,
      recoverySeconds: result.recoveryMs === null ? null : Number((result.recoveryMs / 1000).toFixed(1)),
      slowestSeconds: Number((result.tally.slowestMs / 1000).toFixed(1)),
      cachedReads: result.tally.cachedReads,
      note: result.note,
      problems: result.problems,
    })),
  };
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatTable(report.faults)}`);
  console.log(`\nfault tests: ${report.passed} passed, ${report.failed} failed (${seconds} s; report in ${REPORT})`);
  if (failed) process.exit(1);
}

/** 5 on PGlite: killed during writes, started again on the same data directory. */
async function pgliteKill(app: App, target: LoadTarget, dataDir: string): Promise<FaultResult> {
  const label = `${runId}pglite`;
  const fault = "5. application killed (-9) during writes, PGlite";
  console.log(`\n${fault}`);
  const tally = newTally();
  const load = new Load(target, tally, label);
  load.start();
  const probe = new Probe(app.site, target.facts, target.drafts[0]!.id, tally);
  await sleep(SETTLE_MS * 2);
  await app.kill9();
  const startMs = await app.start();
  const recoveryMs = await probe.recoveredAfter(Date.now());
  await sleep(SETTLE_MS);
  await load.stop();
  await probe.stop();
  const alive = app.alive;
  // PGlite has one owner: the application stops before the data directory is read.
  await app.stop();
  const handle = openPglite(dataDir);
  try {
    const check = await checkWrites(handle.db, label, tally.ledger);
    return finish({ fault, tally, check, recoveryMs, alive, note: restartNote(startMs) });
  } finally {
    await handle.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("fault tests: 0 passed, 1 failed");
    fail(error);
  },
);
