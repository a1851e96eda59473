// npm run test:ops – the operations of the built server, as a process manager and an operator
// meet them (README, "Operations"). On an embedded database of its own, seeded with the demo
// edition, the server is asked for its health, readiness and metrics; sent the secrets a server
// meets (a refused sign-in, an API call with a token that is not valid, a forged session cookie,
// an invitation link, a token in a query); then loaded with article reads, searches and comment
// posts, and sent SIGTERM in the middle. It must exit 0 within the drain limit; every request it
// had taken (its log has a line for it) must have had its whole answer — no reset connection —
// and every comment answered 201/202 must be in the database afterwards, once; a second start on
// the same data must be ready. Last, the whole log is searched for each secret: none may be there,
// and every line must be JSON with the request's id where it belongs to one.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite } from "@/db/client";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { prepareOpsSite, startOpsServer, type OpsSite } from "./lib/ops-server";

const PORT = 3542;
const BASE = `http://127.0.0.1:${PORT}`;
const METRICS_TOKEN = randomBytes(24).toString("base64url");
const READERS = 12;
const WRITERS = 6;
const SIGNAL_AFTER_MS = 5000;
/** The server's own limits: 10 s of drain, 20 s in all (scripts/serve.ts). */
const EXIT_WITHIN_MS = 20_000;

const SECRETS = {
  email: "ops.reporter@secrets.example",
  password: "Not-the-password-but-secret-9",
  token: `mrd_${randomBytes(18).toString("base64url")}`,
  session: `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${randomBytes(9).toString("base64url")}.${randomBytes(30).toString("base64url")}.${randomBytes(12).toString("base64url")}`,
  invite: randomBytes(24).toString("base64url"),
  queryToken: randomBytes(16).toString("hex"),
};

const checks: { name: string; ok: boolean; detail?: string }[] = [];
function check(name: string, ok: boolean, detail?: string) {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

async function operatorAddresses(article: string) {
  // An article rendered, then answered from the page store: something for each metric to count.
  for (let i = 0; i < 3; i++) await (await fetch(`${BASE}${article}`, { headers: { "accept-encoding": "br, gzip" } })).arrayBuffer();
  const health = await fetch(`${BASE}/api/health`);
  check("GET /api/health answers 200, no-store", health.status === 200 && health.headers.get("cache-control") === "no-store");
  const ready = await fetch(`${BASE}/api/ready`);
  check("GET /api/ready answers 200 on a migrated database", ready.status === 200, (await ready.text()).trim());
  const anonymous = await fetch(`${BASE}/api/metrics`);
  check("GET /api/metrics without the token answers 401", anonymous.status === 401);
  const metrics = await fetch(`${BASE}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await metrics.text();
  const names = ["meridian_http_requests_total", "meridian_http_request_duration_seconds_bucket", "meridian_page_store_requests_total", "meridian_page_cache_lookups_total", "meridian_db_in_flight", "meridian_sweeps_total", "process_resident_memory_bytes"];
  const missing = names.filter((name) => !text.includes(`\n${name}`));
  const storeHits = Number(/\nmeridian_page_store_requests_total\{result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
  check("the article answered from the page store is counted as a hit", storeHits >= 1, `hits: ${storeHits}`);
  check("GET /api/metrics with the token answers every metric", metrics.status === 200 && missing.length === 0, missing.length ? `missing ${missing.join(", ")}` : undefined);
}

async function secretsThroughRealPaths() {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
  const signIn = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email: SECRETS.email, password: SECRETS.password, csrfToken, json: "true" }),
  });
  check("a refused sign-in is refused", signIn.status < 500, `HTTP ${signIn.status}`);
  const api = await fetch(`${BASE}/api/admin/stories`, {
    method: "POST",
    headers: { authorization: `Bearer ${SECRETS.token}`, "content-type": "application/json" },
    body: JSON.stringify({ headline: `Sent by ${SECRETS.email}` }),
  });
  check("an API call with a token that is not valid answers 401", api.status === 401);
  const forged = await fetch(`${BASE}/editor`, { redirect: "manual", headers: { cookie: `next-auth.session-token=${SECRETS.session}` } });
  check("a forged session cookie is not a session", forged.status >= 300 && forged.status < 500, `HTTP ${forged.status}`);
  await (await fetch(`${BASE}/editor/invite/${SECRETS.invite}`)).arrayBuffer();
  await (await fetch(`${BASE}/search?q=storm&token=${SECRETS.queryToken}&email=${encodeURIComponent(SECRETS.email)}`)).arrayBuffer();
}

interface Sent {
  id: string;
  sentAt: number;
  outcome: number | string;
  comment?: string;
}

/** Reads, searches and comment posts until the server stops taking connections. */
async function loadUntilRefused(article: string, storyId: number, signalAt: () => number | undefined): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  const one = async (url: string, init: RequestInit = {}, comment?: string) => {
    const entry: Sent = { id: `load-${next++}`, sentAt: Date.now(), outcome: "pending", comment };
    sent.push(entry);
    try {
      const response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), "x-request-id": entry.id }, signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      entry.outcome = response.status;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      entry.outcome = cause?.code ?? (error as Error).name;
    }
    return entry.outcome;
  };
  const stopped = (outcome: number | string) => typeof outcome === "string" && signalAt() !== undefined;
  const readers = Array.from({ length: READERS }, async (_, reader) => {
    for (let i = 0; ; i++) {
      const url = reader % 3 === 0 ? `${BASE}/search?q=${["storm", "harbor", "court", "market"][i % 4]}` : `${BASE}${article}`;
      if (stopped(await one(url, { headers: { "accept-encoding": "br, gzip" } }))) return;
    }
  });
  const writers = Array.from({ length: WRITERS }, async (_, writer) => {
    for (let i = 0; ; i++) {
      const key = `ops-${writer}-${i}-${randomBytes(4).toString("hex")}`;
      const outcome = await one(
        `${BASE}/api/stories/${storyId}/comments`,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Writer ${writer}`, body: `Comment during shutdown ${key}`, idempotencyKey: key }) },
        key,
      );
      if (stopped(outcome)) return;
    }
  });
  await Promise.all([...readers, ...writers]);
  return sent;
}

interface LogLine {
  msg?: string;
  reqId?: string;
  status?: number;
  [field: string]: unknown;
}

function readLog(file: string): { lines: LogLine[]; text: string; unparsed: string[] } {
  const text = fs.readFileSync(file, "utf8");
  const lines: LogLine[] = [];
  const unparsed: string[] = [];
  for (const line of text.split("\n").filter(Boolean)) {
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      unparsed.push(line);
    }
  }
  return { lines, text, unparsed };
}

async function storedComments(site: OpsSite, keys: string[]): Promise<Map<string, number>> {
  const handle = openPglite(site.dataDir);
  try {
    const rows = await handle.db.execute<{ key: string; n: number }>(sql`select idempotency_key as key, count(*)::int as n from comments where idempotency_key like ${"%:ops-%"} group by idempotency_key`);
    const list = (rows as unknown as { rows: { key: string; n: number }[] }).rows;
    const byKey = new Map(list.map((row) => [row.key.slice(row.key.lastIndexOf(":") + 1), row.n]));
    return new Map(keys.map((key) => [key, byKey.get(key) ?? 0]));
  } finally {
    await handle.close();
  }
}

async function firstStory(site: OpsSite): Promise<{ id: number; article: string }> {
  const handle = openPglite(site.dataDir);
  try {
    const rows = await handle.db.execute<{ id: number }>(sql`select id from stories where status = 'published' and comments_open order by published_at desc limit 1`);
    const id = (rows as unknown as { rows: { id: number }[] }).rows[0]?.id;
    if (id === undefined) throw new Error("No published story with comments open");
    return { id, article: "" };
  } finally {
    await handle.close();
  }
}

const REPORT = "bench-results/ops-test.json";

async function main() {
  fs.rmSync(REPORT, { force: true });
  if (!isBuildCurrent() && !(await buildApp())) throw new Error("The build failed");
  const site = await prepareOpsSite("meridian-ops-");
  const logFile = path.join(site.dir, "server.log");
  const env = { METRICS_TOKEN, COMMENTS_PER_ADDRESS_PER_MINUTE: "100000", COMMENTS_PER_STORY_PER_MINUTE: "100000", LOG_FORMAT: "json" };
  try {
    const story = await firstStory(site);
    let server = await startOpsServer(site, { root: process.cwd(), port: PORT, logFile, env });
    const sitemap = await (await fetch(`${BASE}/sitemaps/stories-1.xml`)).text();
    story.article = new URL(/<loc>([^<]+)<\/loc>/.exec(sitemap)![1]!).pathname;
    await operatorAddresses(story.article);
    await secretsThroughRealPaths();

    const signal: { at?: number } = {};
    const load = loadUntilRefused(story.article, story.id, () => signal.at);
    await new Promise((resolve) => setTimeout(resolve, SIGNAL_AFTER_MS));
    const signalAt = (signal.at = Date.now());
    server.child.kill("SIGTERM");
    const code = await Promise.race([server.exited, new Promise<string>((resolve) => setTimeout(() => resolve("still running"), EXIT_WITHIN_MS + 5000))]);
    const exitMs = Date.now() - signalAt;
    check(`SIGTERM under load: the server exits 0 within ${EXIT_WITHIN_MS / 1000} s`, code === 0, `exit ${code} after ${exitMs} ms`);
    const sent = await load;

    const { lines } = readLog(logFile);
    const taken = new Set(lines.filter((line) => line.msg === "request" && typeof line.reqId === "string" && line.reqId.startsWith("load-")).map((line) => line.reqId!));
    const takenSent = sent.filter((entry) => taken.has(entry.id));
    const cutOff = takenSent.filter((entry) => typeof entry.outcome !== "number");
    const serverErrors = sent.filter((entry) => typeof entry.outcome === "number" && entry.outcome >= 500);
    const beforeSignal = sent.filter((entry) => entry.sentAt < signalAt);
    const notTaken = sent.filter((entry) => !taken.has(entry.id));
    const sentBeforeNotTaken = notTaken.filter((entry) => entry.sentAt < signalAt);
    const byOutcome: Record<string, number> = {};
    for (const entry of sent) byOutcome[String(entry.outcome)] = (byOutcome[String(entry.outcome)] ?? 0) + 1;
    const shutdownLine = lines.find((line) => line.msg?.startsWith("Shutting down"));
    console.log(`load: ${sent.length} requests (${beforeSignal.length} sent before the signal), outcomes ${JSON.stringify(byOutcome)}`);
    console.log(`the server had taken ${taken.size}; ${shutdownLine?.inFlight ?? "?"} were in flight at the signal; ${notTaken.length} were never taken (${sentBeforeNotTaken.length} of them sent before the signal)`);
    check("no request the server had taken lost its answer (no reset connection)", cutOff.length === 0, `${cutOff.length} of ${takenSent.length} cut: ${cutOff.slice(0, 5).map((entry) => `${entry.id} ${entry.outcome}`).join(", ")}`);
    check("no answer was a 5xx", serverErrors.length === 0, serverErrors.length ? `${serverErrors.length}: ${serverErrors.slice(0, 5).map((entry) => entry.outcome).join(", ")}` : undefined);
    check("the requests in flight at the signal were drained", typeof shutdownLine?.inFlight === "number" && (shutdownLine.inFlight as number) > 0, `in flight: ${String(shutdownLine?.inFlight)}`);
    check("the log says it shut down cleanly", lines.some((line) => line.msg === "Shut down cleanly"));

    const acknowledged = sent.filter((entry) => entry.comment && (entry.outcome === 201 || entry.outcome === 202)).map((entry) => entry.comment!);
    const stored = await storedComments(site, acknowledged);
    const lost = acknowledged.filter((key) => stored.get(key) === 0);
    const duplicated = acknowledged.filter((key) => (stored.get(key) ?? 0) > 1);
    check("every acknowledged comment is stored once (PGlite reopened after the exit)", acknowledged.length > 0 && lost.length === 0 && duplicated.length === 0, `${acknowledged.length} acknowledged, ${lost.length} lost, ${duplicated.length} duplicated`);

    server = await startOpsServer(site, { root: process.cwd(), port: PORT, logFile, env });
    const again = await fetch(`${BASE}/api/ready`);
    check("a second start on the same data is ready", again.status === 200);
    server.child.kill("SIGTERM");
    check("an idle server exits 0 on SIGTERM", (await server.exited) === 0);

    const log = readLog(logFile);
    check("every line of the log is JSON", log.unparsed.length === 0, log.unparsed.slice(0, 3).join(" | "));
    const requestLines = log.lines.filter((line) => line.msg === "request");
    check("every request line has its id, method, path, status and duration", requestLines.length > 0 && requestLines.every((line) => line.reqId && line.method && line.path && typeof line.status === "number" && typeof line.ms === "number"));
    const refusals = log.lines.filter((line) => line.msg === "Sign-in refused" || line.msg === "API token refused");
    check(
      "the refused sign-in and the refused token are logged from inside Next, each with its request's id",
      new Set(refusals.map((line) => line.msg)).size === 2 && refusals.every((line) => requestLines.some((request) => request.reqId === line.reqId && request.path !== undefined)),
      refusals.map((line) => `${line.msg}: ${line.reqId}`).join("; "),
    );
    const leaked = Object.entries(SECRETS).filter(([, secret]) => log.text.includes(secret));
    const localPart = SECRETS.email.split("@")[0]!;
    check("no secret and no full e-mail address is in the log", leaked.length === 0 && !log.text.includes(localPart), leaked.map(([name]) => name).join(", "));
    check("the e-mail address is in the log masked", log.text.includes("o***@secrets.example"));

    const failedSoFar = checks.filter((entry) => !entry.ok).length;
    const report = {
      passed: checks.length - failedSoFar,
      failed: failedSoFar,
      requests: sent.length,
      sentBeforeSignal: beforeSignal.length,
      outcomes: byOutcome,
      takenByServer: taken.size,
      inFlightAtSignal: shutdownLine?.inFlight,
      cutAfterTaken: cutOff.length,
      neverTaken: notTaken.length,
      sentBeforeSignalNeverTaken: sentBeforeNotTaken.length,
      exitMs,
      acknowledgedComments: acknowledged.length,
      lost: lost.length,
      duplicated: duplicated.length,
    };
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    if (checks.some((entry) => !entry.ok)) console.log(`The server's log is kept at ${logFile}`);
    else fs.rmSync(site.dir, { recursive: true, force: true });
  }
  const failed = checks.filter((entry) => !entry.ok).length;
  console.log(`ops test: ${checks.length - failed} passed, ${failed} failed`);
  if (failed) process.exit(1);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("ops test: 0 passed, 1 failed");
    fail(error);
  },
);
