// npm run bench – requests per second of the cached article page (autocannon -c 50 -d 10), next
// to a plain static file server sending the same HTML bytes. Uses its own data directory
// (.data/bench) and port; results go to bench-results/latest.json.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { seedStories } from "@/lib/demo/content/stories";
import { openDatabase } from "@/db/client";
import { createApiToken } from "@/lib/auth/api-tokens";
import { findUserByEmail } from "@/lib/auth/users";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { startAppServer, waitForPort } from "./lib/server.mjs";

const APP_PORT = 3300;
const STATIC_PORT = 3301;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const dataDir = path.resolve(".data/bench");
process.env.DATA_DIR = dataDir;
process.env.PORT = String(APP_PORT);
delete process.env.DATABASE_URL;
// A key of its own (lib/auth/keys.ts); the server inherits it.
process.env.AUTH_SECRET = randomBytes(32).toString("base64url");

/** The figures kept from an autocannon run. */
function summarize(result: autocannon.Result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50ms: result.latency.p50,
    latencyP99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function load(url: string) {
  const result = await autocannon({ url, connections, duration });
  return { ...summarize(result), throughputMBps: Number((result.throughput.average / 1e6).toFixed(1)) };
}

/** Comment POSTs under load, each with its own text and idempotency key. */
async function loadCommentPosts(url: string) {
  let counter = 0;
  const result = await autocannon({
    url,
    connections: 20,
    duration,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => {
          counter++;
          return {
            ...request,
            body: JSON.stringify({ name: `Reader ${counter}`, body: `Benchmark comment number ${counter}.`, idempotencyKey: `bench-${Date.now()}-${counter}` }),
          };
        },
      },
    ],
  });
  return summarize(result);
}

/** An API token for the demo editor, made before the server opens the database. */
async function editorToken(): Promise<string> {
  const handle = openDatabase({ databaseUrl: undefined, dataDir });
  try {
    const user = await findUserByEmail("editor@demo.test", handle.db);
    if (!user) throw new Error("The demo editor is missing");
    return (await createApiToken({ id: user.id, email: user.email, name: user.name, role: user.role }, { name: "bench", expiresInDays: 30 }, undefined, handle.db)).token;
  } finally {
    await handle.close();
  }
}

/** Loads the home page a few times, so each measurement starts from a filled page cache. */
async function warmHome(site: string) {
  for (let i = 0; i < 3; i++) await fetch(`${site}/`).then((r) => r.text());
}

/** Milliseconds since `started` until `shown()` holds, polling every 10 ms; gives up after 10 s. */
async function msUntil(started: number, shown: () => Promise<boolean>, failure: string): Promise<number> {
  while (!(await shown())) {
    if (performance.now() - started > 10_000) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Math.round(performance.now() - started);
}

/** Publishes a new story through the admin API and polls the (cached) home page until it shows. */
async function measurePublishToVisible(site: string, token: string, runs: number): Promise<number[]> {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const headline = `Bench story ${Date.now()} ${run}`;
    const created = await fetch(`${site}/api/admin/stories`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        headline,
        sectionId: 2,
        authorIds: [1],
        body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Measured." }] }] },
      }),
    }).then((r) => r.json() as Promise<{ id: number }>);
    await warmHome(site);
    const started = performance.now();
    await fetch(`${site}/api/admin/stories/${created.id}/publish`, { method: "POST", headers: { Authorization: headers.Authorization } });
    const shown = async () => (await fetch(`${site}/`).then((r) => r.text())).includes(headline);
    times.push(await msUntil(started, shown, "The story did not appear within 10 s"));
  }
  return times;
}

/**
 * Takes Audio Only off air and back on through the admin API, alternately, and polls until the
 * cached home page's header and the stream link (/api/live/audio: 503 or 307) both show it.
 */
async function measureLiveChangeToVisible(site: string, token: string, runs: number): Promise<number[]> {
  const auth = { Authorization: `Bearer ${token}` };
  const { streams } = await fetch(`${site}/api/admin/live`, { headers: auth }).then((r) => r.json() as Promise<{ streams: { id: number; slug: string }[] }>);
  const audio = streams.find((stream) => stream.slug === "audio")!;
  const onAirMark = /Audio Only<span class="on-air-badge">/;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const status = run % 2 === 0 ? "off_air" : "on_air";
    await warmHome(site);
    const started = performance.now();
    const response = await fetch(`${site}/api/admin/live/streams/${audio.id}`, {
      method: "PATCH",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ status }),
    });
    if (!response.ok) throw new Error(`PATCH answered ${response.status}`);
    const shown = async () => {
      const header = onAirMark.test(await fetch(`${site}/`).then((r) => r.text()));
      const link = (await fetch(`${site}/api/live/audio`, { redirect: "manual" })).status;
      return status === "on_air" ? header && link === 307 : !header && link === 503;
    };
    times.push(await msUntil(started, shown, `Audio Only was not ${status} within 10 s`));
  }
  return times;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

try {
  if (!isBuildCurrent()) {
    console.log("Building…");
    if (!(await buildApp())) throw new Error("The build failed");
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  await prepareDatabase({ seed: true, log: console.log });
  const token = await editorToken();

  // The comment limits would stop the POST benchmark after a few requests.
  const app = startAppServer({
    port: APP_PORT,
    env: { DATA_DIR: dataDir, COMMENTS_PER_ADDRESS_PER_MINUTE: "999999", COMMENTS_PER_STORY_PER_MINUTE: "999999" },
    quiet: true,
  });
  await waitForPort(APP_PORT);
  const site = `http://127.0.0.1:${APP_PORT}`;
  const articlePath = `/${seedStories[0]!.section}/${seedStories[0]!.slug}`;
  const articleUrl = `${site}${articlePath}`;
  // Fill the page cache, then check the page is served from it.
  for (let i = 0; i < 3; i++) await fetch(articleUrl).then((r) => r.arrayBuffer());
  const probe = await fetch(articleUrl);
  const html = Buffer.from(await probe.arrayBuffer());
  console.log(`Article: ${articlePath} (${html.length} bytes, x-nextjs-cache: ${probe.headers.get("x-nextjs-cache")})`);

  const staticDir = fs.mkdtempSync(path.join(path.resolve(".data"), "bench-static-"));
  fs.writeFileSync(path.join(staticDir, "index.html"), html);
  const staticServer = spawn(process.execPath, ["--import", "tsx", "scripts/lib/static-server.ts", staticDir, String(STATIC_PORT)], {
    stdio: "inherit",
  });
  await waitForPort(STATIC_PORT);

  console.log(`autocannon -c ${connections} -d ${duration}: the article page…`);
  const article = await load(articleUrl);
  const appRss = rssMb(app.pid!);
  console.log(`autocannon -c ${connections} -d ${duration}: the home page…`);
  const home = await load(`${site}/`);
  console.log(`autocannon -c ${connections} -d ${duration}: the same HTML from a static file server…`);
  const plain = await load(`http://127.0.0.1:${STATIC_PORT}/index.html`);

  console.log(`autocannon -c 20 -d ${duration}: POST comments (each one different)…`);
  const storyId = await fetch(`${site}/api/admin/stories/search?q=Sorrel`, { headers: { Authorization: `Bearer ${token}` } })
    .then((r) => r.json() as Promise<{ results: { id: number }[] }>)
    .then((data) => data.results[0]!.id);
  const commentPosts = await loadCommentPosts(`${site}/api/stories/${storyId}/comments`);

  console.log("Publish → visible on the cached home page, 5 times…");
  const publishToVisibleMs = await measurePublishToVisible(site, token, 5);
  console.log("Live desk change → visible in the cached header and the stream link, 6 times…");
  const liveChangeToVisibleMs = await measureLiveChangeToVisible(site, token, 6);

  const results = {
    date: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    connections,
    durationSeconds: duration,
    htmlBytes: html.length,
    articlePage: article,
    homePage: home,
    staticFileServer: plain,
    articleVsStatic: Number((article.requestsPerSecond / plain.requestsPerSecond).toFixed(2)),
    appRssAfterLoadMb: appRss,
    publishToVisibleMs,
    liveChangeToVisibleMs,
    commentPosts,
  };
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync("bench-results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    "article page (Next.js, cached)": article,
    "home page (Next.js, cached)": home,
    "static file server, same bytes": plain,
  });
  console.log(`Article page: ${results.articleVsStatic}× the static server; app RSS after load ${appRss} MB`);
  console.log(`Publish → visible on the cached home page: ${publishToVisibleMs.map((ms) => `${ms} ms`).join(", ")}`);
  console.log(`Audio Only on/off air → visible: ${liveChangeToVisibleMs.map((ms) => `${ms} ms`).join(", ")}`);
  console.log(`Comment POSTs: ${commentPosts.requestsPerSecond} req/s (p50 ${commentPosts.latencyP50ms} ms, p99 ${commentPosts.latencyP99ms} ms, non-2xx ${commentPosts.non2xx})`);

  staticServer.kill();
  app.kill();
  fs.rmSync(staticDir, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  fail(error);
}
