// npm run test:cluster – issue 16's proof: the publication as several instances, on loopback. It
// starts a PostgreSQL primary and a streaming replica of its own (initdb, pg_basebackup -R;
// scripts/lib/faults/postgres-server.ts), its own Redis (nothing kept on disk, so it can be
// stopped), s3rver (an S3 API from npm), the built application as three instances (each its own
// port and DATA_DIR, all with the same database, replica, Redis, bucket, secret and SITE_URL) and
// a round-robin proxy in front of them (scripts/lib/cluster/proxy.ts). Then it runs the issue's
// seven checks (scripts/lib/cluster/checks.ts and outage-checks.ts) through the proxy and
// directly on each instance, timing each, and measures the cached article's throughput behind the
// proxy with one instance and with two, in the same run. Prints a table and writes bench-results/cluster.json. Every
// process it started is stopped however it ends, Ctrl-C included (scripts/lib/cluster/cleanup.ts).
// Ports: proxy 3630, instances 3631–3633, s3rver 3634, Redis 3635, PostgreSQL 55460 and 55461.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { demoAccounts } from "@/lib/demo/demo-accounts";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { COMMENTS_PER_ADDRESS, limitsAndSessions, photoInBucket, publishedAndUnpublished, slugChangeRedirect, type Cluster } from "./lib/cluster/checks";
import { redisDownAndBack, replicaDownAndBack, scheduledOnce } from "./lib/cluster/outage-checks";
import { Cleanup } from "./lib/cluster/cleanup";
import { get, Newsroom } from "./lib/cluster/client";
import { AppInstance } from "./lib/cluster/instance";
import { startProxy, type Proxy } from "./lib/cluster/proxy";
import { formatChecks, formatThroughput, type CheckResult, type Throughput } from "./lib/cluster/report";
import { redisServer, s3Server } from "./lib/cluster/services";
import { prepareSite } from "./lib/faults/site";
import { startReplicatedPostgres } from "./lib/postgres-replica";

const PROXY_PORT = 3630;
const INSTANCE_PORTS = [3631, 3632, 3633];
const S3_PORT = 3634;
const REDIS_PORT = 3635;
const PRIMARY_PORT = 55_460;
const REPLICA_PORT = 55_461;
const BUCKET = "meridian-cluster";
const REPORT = "bench-results/cluster.json";
/**
 * The throughput is measured in rounds, one instance then two, each a short warm-up then the
 * measured seconds: interleaved, so the machine's other load weighs on both alike; the median
 * round of each counts.
 */
const ROUNDS = 3;
const WARM_UP_SECONDS = 1;
const LOAD_SECONDS = 4;
const CONNECTIONS = 16;

const runId = Date.now().toString(36);

function load(url: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { "accept-encoding": "br, gzip" } }, (error, result) => (error ? reject(error as Error) : resolve(result)));
  });
}

/** The cached article's throughput behind the proxy with the first one instance, then two, in ROUNDS interleaved rounds: the median round of each. */
async function throughput(proxy: Proxy, url: string, sites: string[]): Promise<Throughput[]> {
  const runs: Record<number, autocannon.Result[]> = { 1: [], 2: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const instances of [1, 2]) {
      proxy.setBackends(sites.slice(0, instances));
      await load(url, WARM_UP_SECONDS);
      const result = await load(url, LOAD_SECONDS);
      runs[instances]!.push(result);
      console.log(`  round ${round}, ${instances} instance${instances > 1 ? "s" : ""} behind the proxy: ${Math.round(result.requests.average)} req/s`);
    }
  }
  return [1, 2].map((instances) => {
    const results = runs[instances]!;
    const median = [...results].sort((x, y) => x.requests.average - y.requests.average)[Math.floor(results.length / 2)]!;
    return {
      instances,
      requestsPerSecond: Math.round(median.requests.average),
      p50Ms: median.latency.p50,
      p99Ms: median.latency.p99,
      rounds: results.map((result) => Math.round(result.requests.average)),
      non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
      errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    };
  });
}

/** Runs one check; a check that throws is a failed check with its reason, and the next still runs. */
async function runCheck(name: string, check: () => Promise<CheckResult>): Promise<CheckResult> {
  console.log(`\n${name}`);
  const started = Date.now();
  let result: CheckResult;
  try {
    result = await check();
  } catch (error) {
    result = { check: name, ok: false, measures: [], problems: [`stopped: ${(error as Error).message}`] };
  }
  console.log(`  ${result.ok ? "ok" : `FAILED: ${result.problems.join("; ")}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.note) console.log(`  ${result.note}`);
  return result;
}

async function main() {
  fs.rmSync(REPORT, { force: true });
  if (!isBuildCurrent() && !(await buildApp())) throw new Error("The build failed");
  const started = Date.now();
  const cleanup = new Cleanup().guardProcess();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-cluster-"));
  let keepDir = false;
  cleanup.add("the run's directory", async () => {
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const results: CheckResult[] = [];
  const speeds: Throughput[] = [];
  const instanceNames = ["A", "B", "C"];
  try {
    // Registered before it has started: a Ctrl-C while it starts still stops both servers.
    const databaseStarting = startReplicatedPostgres({ primaryPort: PRIMARY_PORT, replicaPort: REPLICA_PORT, database: "meridian" });
    databaseStarting.catch(() => {});
    cleanup.add("PostgreSQL (primary and replica)", async () => {
      await (await databaseStarting.catch(() => null))?.stop();
    });
    const redisDir = path.join(dir, "redis");
    const s3Dir = path.join(dir, "s3");
    fs.mkdirSync(redisDir);
    fs.mkdirSync(s3Dir);
    const redis = redisServer(REDIS_PORT, redisDir);
    const s3 = s3Server(S3_PORT, s3Dir, BUCKET);
    for (const server of [redis, s3]) cleanup.add(server.name, () => server.stop(), () => server.killNow());

    console.log(`PostgreSQL primary :${PRIMARY_PORT}, replica :${REPLICA_PORT}; Redis :${REDIS_PORT}; s3rver :${S3_PORT}; instances ${INSTANCE_PORTS.map((port) => `:${port}`).join(" ")} behind the proxy :${PROXY_PORT}`);
    const servicesUp = Promise.all([redis.start(), s3.start()]);
    servicesUp.catch(() => {});
    const database = await databaseStarting;
    const proxySite = `http://127.0.0.1:${PROXY_PORT}`;
    const env: Record<string, string> = {
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      SITE_URL: proxySite,
      TRUST_PROXY: "1",
      DATABASE_URL: database.primaryUrl,
      DATABASE_REPLICA_URLS: database.replicaUrl,
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}/0`,
      S3_ENDPOINT: `http://127.0.0.1:${S3_PORT}`,
      S3_BUCKET: BUCKET,
      S3_REGION: "us-east-1",
      // s3rver's own credentials.
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
      COMMENTS_PER_ADDRESS_PER_MINUTE: String(COMMENTS_PER_ADDRESS),
      COMMENTS_PER_STORY_PER_MINUTE: "100000",
      LOG_LEVEL: "info",
    };
    const [facts] = await Promise.all([prepareSite({ ...env, DATA_DIR: path.join(dir, "prepare") }), servicesUp]);
    const setUpSeconds = ((Date.now() - started) / 1000).toFixed(1);

    const instances = INSTANCE_PORTS.map((port, index) => new AppInstance(instanceNames[index]!, port, { ...env, DATA_DIR: path.join(dir, `data-${index}`) }, dir));
    for (const instance of instances) cleanup.add(`instance ${instance.name}`, () => instance.stop(), () => instance.killNow());
    const proxy = await startProxy(PROXY_PORT, instances.map((instance) => instance.site));
    cleanup.add("the proxy", () => proxy.close());
    await Promise.all(instances.map((instance) => instance.start()));
    console.log(`services ready after ${setUpSeconds} s; three instances answering after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const editor = demoAccounts.find((account) => account.role === "editor")!;
    const cluster: Cluster = {
      proxy: { name: "proxy", site: proxySite },
      instances,
      a: new Newsroom(instances[0]!.site, facts.token),
      facts,
      runId,
      database,
      redis,
      s3: { dir: s3Dir, bucket: BUCKET },
      editor: { email: editor.email, password: editor.password },
    };
    // Each instance renders its first pages now, not in the first check's timing.
    await Promise.all(instances.map((instance) => Promise.all(["/", facts.sectionPath, facts.articlePath].map((page) => get(`${instance.site}${page}`)))));

    const checks: [string, (cluster: Cluster) => Promise<CheckResult>][] = [
      ["1. published / unpublished", publishedAndUnpublished],
      ["2. slug change → 301", slugChangeRedirect],
      ["3. session, sign-in throttle, comment limit", limitsAndSessions],
      ["4. photo in the bucket", photoInBucket],
      ["6. replica stopped and back", replicaDownAndBack],
      ["7. Redis stopped for 10 s", redisDownAndBack],
      // Last of the checks: it kills instance C, which the throughput does not need.
      ["5. scheduled, exactly once", scheduledOnce],
    ];
    for (const [name, check] of checks) {
      if (cleanup.stopping) break;
      results.push(await runCheck(name, () => check(cluster)));
    }
    results.sort((x, y) => x.check.localeCompare(y.check, "en", { numeric: true }));
    if (cleanup.stopping) throw new Error("Stopped by a signal");

    console.log("\nthroughput of the cached article");
    speeds.push(...(await throughput(proxy, `${proxySite}${facts.articlePath}`, [instances[0]!.site, instances[1]!.site])));
  } catch (error) {
    keepDir = true;
    console.error(`The cluster could not be set up: ${(error as Error).message}\nIts logs are kept in ${dir}`);
    results.push({ check: "setting up the cluster", ok: false, measures: [], problems: [(error as Error).message] });
  } finally {
    if (results.some((result) => !result.ok)) {
      keepDir = true;
    }
    await cleanup.all();
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const failed = results.filter((result) => !result.ok).length;
  const [one, two] = speeds;
  const report = {
    seconds,
    passed: results.length - failed,
    failed,
    checks: results,
    throughput: { runs: speeds, twoOverOne: one && two && one.requestsPerSecond > 0 ? Number((two.requestsPerSecond / one.requestsPerSecond).toFixed(2)) : null, connections: CONNECTIONS, rounds: ROUNDS, secondsEach: LOAD_SECONDS },
  };
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatChecks(results, ["proxy", ...instanceNames])}`);
  if (speeds.length) console.log(`\n${formatThroughput(speeds)}`);
  if (failed) console.log(`\nThe instances' logs are kept in ${dir}`);
  console.log(`\ncluster test: ${report.passed} passed, ${report.failed} failed (${seconds} s; report in ${REPORT})`);
  if (failed) process.exit(1);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("cluster test: 0 passed, 1 failed");
    fail(error);
  },
);
