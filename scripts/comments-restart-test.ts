// npm run test:restart – posts comments under load while the PostgreSQL server restarts.
// Clients must get 503 with Retry-After (never a 500), and afterwards every comment that was
// answered 201 or 202 must be in the database exactly once (retries carry the same idempotency
// key). The script runs its own PostgreSQL (initdb into a temporary directory, its own port, as
// the `postgres` user since initdb refuses root), so restarting it disturbs nothing else.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { startAppServer, waitForPort } from "./lib/server.mjs";

const PG_PORT = 55_432;
const APP_PORT = 3410;
const CLIENTS = 16;
const LOAD_SECONDS = 24;
const RESTART_AT_SECONDS = 8;
const DOWN_SECONDS = 3;
const MAX_ATTEMPTS = 40;

function pgBin(name: string): string {
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort().reverse() : [];
  for (const version of versions) {
    const file = `/usr/lib/postgresql/${version}/bin/${name}`;
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${name} was not found under /usr/lib/postgresql (apt-get install postgresql)`);
}

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function asPostgres(command: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
    : spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

interface Outcome {
  statuses: Record<string, number>;
  acknowledged: Map<string, number>;
  retries: number;
  gaveUp: number;
}

async function postWithRetries(url: string, key: string, index: number, outcome: Outcome): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let status = "network error";
    let retryAfter = 0.5;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: `Load ${index}`, body: `Comment under load ${key}`, idempotencyKey: key }),
        signal: AbortSignal.timeout(30_000),
      });
      status = String(response.status);
      const body = (await response.json().catch(() => ({}))) as { id?: number };
      if (response.status === 201 || response.status === 202) {
        outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
        outcome.acknowledged.set(key, body.id ?? -1);
        return;
      }
      retryAfter = Number(response.headers.get("retry-after") ?? 0.5);
    } catch {
      // The server itself did not answer; try again shortly.
    }
    outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
    if (status !== "503" && status !== "network error") return;
    outcome.retries++;
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 1) * 1000));
  }
  outcome.gaveUp++;
}

async function main() {
  fs.rmSync("bench-results/comments-restart.json", { force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-pg-"));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  fs.mkdirSync(socketDir);
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres", dir]);
  const pgCtl = pgBin("pg_ctl");
  const options = `-p ${PG_PORT} -k ${socketDir} -c listen_addresses=127.0.0.1`;
  let app: ReturnType<typeof startAppServer> | undefined;
  try {
    console.log(`PostgreSQL: initdb into ${dataDir}, port ${PG_PORT}`);
    asPostgres(pgBin("initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    asPostgres(pgCtl, ["-D", dataDir, "-o", options, "-l", path.join(dir, "pg.log"), "-w", "start"]);
    const admin = postgres(`postgres://postgres@127.0.0.1:${PG_PORT}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe("create database meridian");
    await admin.end();

    const databaseUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/meridian`;
    process.env.DATABASE_URL = databaseUrl;
    // A PostgreSQL server requires AUTH_SECRET (lib/auth/keys.ts); the server inherits it.
    process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
    process.env.DATA_DIR = path.join(dir, "app");
    if (!isBuildCurrent() && !(await buildApp())) throw new Error("The build failed");
    await prepareDatabase({ seed: true, log: () => {} });

    app = startAppServer({
      port: APP_PORT,
      quiet: true,
      env: { DATABASE_URL: databaseUrl, DATA_DIR: path.join(dir, "app"), COMMENTS_PER_ADDRESS_PER_MINUTE: "100000", COMMENTS_PER_STORY_PER_MINUTE: "100000" },
    });
    await waitForPort(APP_PORT);
    const site = `http://127.0.0.1:${APP_PORT}`;
    const lookup = postgres(databaseUrl, { max: 1 });
    const [story] = await lookup`select id from stories where status = 'published' order by published_at desc limit 1`;
    await lookup.end();
    const url = `${site}/api/stories/${story!.id}/comments`;

    const outcome: Outcome = { statuses: {}, acknowledged: new Map(), retries: 0, gaveUp: 0 };
    const started = Date.now();
    let sent = 0;
    const restart = (async () => {
      await new Promise((resolve) => setTimeout(resolve, RESTART_AT_SECONDS * 1000));
      console.log(`${RESTART_AT_SECONDS} s: stopping PostgreSQL for ${DOWN_SECONDS} s`);
      asPostgres(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      await new Promise((resolve) => setTimeout(resolve, DOWN_SECONDS * 1000));
      asPostgres(pgCtl, ["-D", dataDir, "-o", options, "-l", path.join(dir, "pg.log"), "-w", "start"]);
      console.log(`${((Date.now() - started) / 1000).toFixed(1)} s: PostgreSQL is back`);
    })();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (Date.now() - started < LOAD_SECONDS * 1000) {
          const key = `load-${client}-${sent++}-${started}`;
          await postWithRetries(url, key, client, outcome);
        }
      }),
    );
    await restart;
    const seconds = (Date.now() - started) / 1000;

    const db = postgres(databaseUrl, { max: 1 });
    const rows = await db<{ key: string; n: number }[]>`
      select idempotency_key as key, count(*)::int as n from comments
      where idempotency_key like ${`%:load-%-${started}`} group by idempotency_key`;
    await db.end();
    // Stored as "<story>:<sender>:<key>"; the client's key is the last part.
    const stored = new Map(rows.map((row) => [row.key.slice(row.key.lastIndexOf(":") + 1), row.n]));
    const lost = [...outcome.acknowledged.keys()].filter((key) => !stored.has(key));
    const duplicated = [...stored.entries()].filter(([, n]) => n !== 1);

    const report = {
      seconds: Number(seconds.toFixed(1)),
      acknowledged: outcome.acknowledged.size,
      postsPerSecond: Number((outcome.acknowledged.size / seconds).toFixed(1)),
      statuses: outcome.statuses,
      retries: outcome.retries,
      gaveUp: outcome.gaveUp,
      storedForTheseKeys: rows.length,
      lost: lost.length,
      duplicated: duplicated.length,
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync("bench-results/comments-restart.json", `${JSON.stringify(report, null, 2)}\n`);

    const problems = [
      outcome.statuses["500"] ? `${outcome.statuses["500"]} answers were 500` : "",
      outcome.statuses["network error"] ? `${outcome.statuses["network error"]} requests got no HTTP answer within 30 s` : "",
      !outcome.statuses["503"] ? "no 503 was seen: the restart did not hit the load" : "",
      lost.length ? `${lost.length} acknowledged comments are missing` : "",
      duplicated.length ? `${duplicated.length} comments are stored more than once` : "",
      outcome.gaveUp ? `${outcome.gaveUp} posts were never acknowledged` : "",
    ].filter(Boolean);
    if (problems.length) throw new Error(problems.join("; "));
    console.log("restart test: 1 passed, 0 failed");
  } finally {
    if (app && app.exitCode === null) app.kill("SIGTERM");
    try {
      asPostgres(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("restart test: 0 passed, 1 failed");
    fail(error);
  },
);
