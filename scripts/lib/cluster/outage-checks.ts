import postgres from "postgres";
import type { ReplicatedPostgres } from "../postgres-replica";
import { CONSISTENCY_LIMIT_MS, get, late, timeUntil, type Target, type Timing } from "./client";
import { settled, sleep, targets, warm, words, type Cluster } from "./checks";
import { measure, type CheckResult, type Measure } from "./report";

// Issue 16's checks 5 to 7: scheduled work with an instance killed, the replica stopped, Redis
// stopped; each timed through the proxy and on every instance (see ./checks.ts).

/** Instances sweep for scheduled stories every 5 s (scripts/serve.ts, SWEEP_MS): on time is within that and the 2 s a change may take to show. */
const SWEEP_MS = 5000;
const ON_TIME_LIMIT_MS = SWEEP_MS + CONSISTENCY_LIMIT_MS;
/** How long the replica may be down, and Redis (the issue's 10 s). */
const REPLICA_DOWN_MS = 3000;
const REDIS_DOWN_MS = 10_000;
/** How long an instance may take to notice a service back and log it (its health check runs on its own timer). */
const NOTICE_LIMIT_MS = 10_000;

/** The audit lines of scheduled publishing for a story (one per time it was published) and its publishedAt. */
async function publications(database: ReplicatedPostgres, storyId: number): Promise<{ times: number; publishedAt: Date | null }> {
  const sql = postgres(database.primaryUrl, { max: 1, onnotice: () => {} });
  try {
    const [audit] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'story.publish_scheduled' and target_id = ${String(storyId)}`;
    const [story] = await sql<{ published_at: Date | null }[]>`select published_at from stories where id = ${storyId}`;
    return { times: audit?.n ?? 0, publishedAt: story?.published_at ?? null };
  } finally {
    await sql.end();
  }
}

async function scheduleAndWatch(cluster: Cluster, headline: string): Promise<{ timing: Measure; problems: string[] }> {
  const story = await cluster.a.create(headline, cluster.facts.sectionId);
  const at = new Date(Date.now() + 3000);
  await cluster.a.act(story.id, "schedule", { at: at.toISOString() });
  const timing = await timeUntil(targets(cluster), at.getTime(), async (target) => {
    const page = await get(`${target.site}${story.publicPath}`);
    return page.status === 200 || `the article answered ${page.status}`;
  }, ON_TIME_LIMIT_MS);
  const problems = late(timing, "serving it on time", ON_TIME_LIMIT_MS);
  for (const [name, ms] of Object.entries(timing.ms)) if (ms !== null && ms < 0) problems.push(`${name} served it ${-ms} ms before its time`);
  // Sweeps on the other instances come after: a second publication would show now.
  await sleep(SWEEP_MS);
  const { times, publishedAt } = await publications(cluster.database, story.id);
  if (times !== 1) problems.push(`"${headline}" was published ${times} times`);
  if (publishedAt?.getTime() !== at.getTime()) problems.push(`"${headline}" has publishedAt ${publishedAt?.toISOString()}, scheduled for ${at.toISOString()}`);
  return { timing: { what: `${cluster.instances.filter((instance) => instance.alive).length} instances: late by`, ms: timing.ms, answeredMs: timing.answeredMs }, problems };
}

/** 5. A story scheduled for a time is published exactly once with three instances sweeping, and still on time when one of them is killed. */
export async function scheduledOnce(cluster: Cluster): Promise<CheckResult> {
  const three = await scheduleAndWatch(cluster, `Cluster scheduled dawn ${cluster.runId}`);
  await cluster.instances.at(-1)!.kill9();
  const two = await scheduleAndWatch(cluster, `Cluster scheduled dusk ${cluster.runId}`);
  const problems = [...three.problems, ...two.problems];
  return { check: "5. scheduled: published once, on time, with 3 instances and with 1 killed", ok: !problems.length, measures: [three.timing, two.timing], problems };
}

/**
 * How many of the instances' sessions on the replica ran a query since `since` (read from the
 * replica's pg_stat_activity, over a connection to another database, so it does not count itself).
 */
async function replicaSessionsSince(database: ReplicatedPostgres, since: Date): Promise<number> {
  const url = new URL(database.replicaUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const sql = postgres(url.href, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${name} and backend_type = 'client backend' and query_start >= ${since}`;
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}

/** A public read the page cache cannot answer: a search no one made before. */
const uncachedRead = (cluster: Cluster, target: Target) => get(`${target.site}/search?q=${encodeURIComponent(`harbour ${cluster.runId} ${Math.random().toString(36).slice(2, 8)}`)}`);

/** When a line containing `text` was logged (its pino `time`), in a stretch of an instance's JSON log. */
function loggedAt(log: string, text: string): number | undefined {
  const line = log.split("\n").find((candidate) => candidate.includes(text));
  if (!line) return undefined;
  try {
    return Number((JSON.parse(line) as { time?: number }).time) || Date.now();
  } catch {
    return Date.now();
  }
}

/**
 * Waits up to `limitMs` after `since` for each running instance's log, after the byte it had
 * reached at `marks`, to have a line with `text`; the time of each is when the line was logged.
 */
async function logged(cluster: Cluster, marks: number[], text: string, since: number, limitMs = NOTICE_LIMIT_MS): Promise<Timing> {
  const instances = cluster.instances.filter((instance) => instance.alive);
  const at: Record<string, number> = {};
  const timing = await timeUntil(instances.map(({ name, site }) => ({ name, site })), since, async (target) => {
    const index = cluster.instances.findIndex((instance) => instance.name === target.name);
    const time = loggedAt(cluster.instances[index]!.log(marks[index]), text);
    if (time === undefined) return `no "${text}" in its log`;
    at[target.name] = time;
    return true;
  }, limitMs);
  for (const [name, time] of Object.entries(at)) timing.ms[name] = time - since;
  // A log line is not a request: there is no answer to time.
  return { ...timing, answeredMs: {} };
}

const logMarks = (cluster: Cluster) => cluster.instances.map((instance) => instance.log().length);

/** 6. The replica stopped: public reads keep working from the primary; the replica back: it is used again. */
export async function replicaDownAndBack(cluster: Cluster): Promise<CheckResult> {
  const problems: string[] = [];
  const readAll = () => Promise.all(targets(cluster).map((target) => uncachedRead(cluster, target)));
  const before = new Date();
  await readAll();
  if (!(await replicaSessionsSince(cluster.database, before))) problems.push("public reads did not go to the replica before it was stopped");

  const marks = logMarks(cluster);
  // Timed from the moment the stop is asked for: an instance may notice before pg_ctl returns.
  const stoppedAt = Date.now();
  await cluster.database.stopReplica("fast");
  const answers: Record<string, number> = {};
  let slowest = 0;
  while (Date.now() - stoppedAt < REPLICA_DOWN_MS) {
    const started = Date.now();
    for (const page of await readAll()) answers[page.status] = (answers[page.status] ?? 0) + 1;
    slowest = Math.max(slowest, Date.now() - started);
  }
  const failed = Object.entries(answers).filter(([status]) => status !== "200");
  if (failed.length) problems.push(`public reads with the replica down answered ${failed.map(([status, n]) => `${n}× ${status === "0" ? "no answer" : status}`).join(", ")}`);
  const skipped = await logged(cluster, marks, "replica skipped", stoppedAt);
  problems.push(...late(skipped, 'logging "replica skipped"', NOTICE_LIMIT_MS));

  const backMarks = logMarks(cluster);
  const startedAt = Date.now();
  await cluster.database.startReplica();
  const usedAgain = await timeUntil([{ name: "replica", site: "" }], startedAt, async () => {
    const since = new Date();
    await readAll();
    return (await replicaSessionsSince(cluster.database, since)) > 0 || "no reads reached it";
  }, NOTICE_LIMIT_MS);
  problems.push(...late(usedAgain, "used again", NOTICE_LIMIT_MS));
  const back = await logged(cluster, backMarks, "replica back", startedAt);
  problems.push(...late(back, 'logging "replica back"', NOTICE_LIMIT_MS));
  return {
    check: "6. replica stopped: reads from the primary; back: used again",
    ok: !problems.length,
    measures: [measure('stopped → "replica skipped"', skipped), measure('started → "replica back"', back), { what: "started → public reads on it", ms: Object.fromEntries(targets(cluster).map((target) => [target.name, usedAgain.ms.replica ?? null])) }],
    note: `${Object.values(answers).reduce((sum, n) => sum + n, 0)} uncached public reads while it was down (${JSON.stringify(answers)}), the slowest round ${slowest} ms`,
    problems,
  };
}

/** 7. Redis stopped for 10 s: pages are still served (each instance on its own memory, with a warning in the log), nothing answers 500, and consistency returns when Redis comes back. */
export async function redisDownAndBack(cluster: Cluster): Promise<CheckResult> {
  const problems: string[] = [];
  const story = await cluster.a.create(`Cluster lighthouse keeper ${cluster.runId}`, cluster.facts.sectionId);
  await cluster.a.act(story.id, "publish");
  await settled(cluster, story.publicPath, (status) => status === 200);
  const pages = ["/", cluster.facts.sectionPath, cluster.facts.articlePath, story.publicPath];
  await warm(cluster, pages);

  const marks = logMarks(cluster);
  const stoppedAt = Date.now();
  await cluster.redis.stop();
  const answers: Record<string, number> = {};
  const examples: string[] = [];
  const readers = targets(cluster).map(async (target) => {
    for (let n = 0; Date.now() - stoppedAt < REDIS_DOWN_MS; n++) {
      const path = pages[n % pages.length]!;
      const page = await get(`${target.site}${path}`);
      answers[page.status] = (answers[page.status] ?? 0) + 1;
      if (page.status !== 200 && examples.length < 5) examples.push(`${target.name} ${path}: ${page.status}`);
      await sleep(100);
    }
  });
  // An editor keeps working meanwhile: a save, and a new story published, which readers then ask
  // every instance for — a page no instance holds in its own memory, so each needs the shared cache.
  const written = await (async () => {
    await cluster.a.save(story, { deck: `Saved while Redis was away, ${cluster.runId}` });
    const fresh = await cluster.a.create(`Cluster storm surge ${cluster.runId}`, cluster.facts.sectionId);
    await cluster.a.act(fresh.id, "publish");
    pages.push(fresh.publicPath);
  })().then(
    () => "ok",
    (error: Error) => error.message,
  );
  if (written !== "ok") problems.push(`a save or a publication on A while Redis was away failed: ${written}`);
  const warned = await logged(cluster, marks, "redis unavailable", stoppedAt, REDIS_DOWN_MS);
  await Promise.all(readers);
  const failed = Object.entries(answers).filter(([status]) => status !== "200");
  if (failed.length) problems.push(`with Redis away, pages answered ${failed.map(([status, n]) => `${n}× ${status === "0" ? "no answer" : status}`).join(", ")} (${examples.join("; ")})`);
  problems.push(...late(warned, 'logging "redis unavailable"', REDIS_DOWN_MS));

  const backMarks = logMarks(cluster);
  const startedAt = Date.now();
  await cluster.redis.start();
  const noticed = await logged(cluster, backMarks, "redis available again", startedAt);
  problems.push(...late(noticed, 'logging "redis available again"', NOTICE_LIMIT_MS));
  await warm(cluster, [story.publicPath]);
  const headline = `Cluster lighthouse keeper returns ${cluster.runId}`;
  await cluster.a.save(story, { headline });
  const fresh = await timeUntil(targets(cluster), Date.now(), async (target) => {
    const page = await get(`${target.site}${story.publicPath}`);
    return (page.status === 200 && words(page.text).includes(words(headline))) || `the article answered ${page.status}${page.status === 200 ? " with the old headline" : ""}`;
  });
  problems.push(...late(fresh, "serving the new headline"));
  return {
    check: "7. Redis stopped for 10 s: served, no 500, warned; back: consistent",
    ok: !problems.length,
    measures: [measure('stopped → "redis unavailable"', warned), measure('started → "redis available again"', noticed), measure("edited after → fresh", fresh)],
    note: `${Object.values(answers).reduce((sum, n) => sum + n, 0)} page reads while Redis was away: ${JSON.stringify(answers)}`,
    problems,
  };
}
