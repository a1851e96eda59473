// npm run bench – requests per second of the cached article page (autocannon -c 50 -d 10), next
// to a plain static file server sending the same HTML bytes. Uses its own data directory
// (.data/bench) and port; results go to bench-results/latest.json.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { seedStories } from "@/db/seed/content/stories";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { startAppServer, waitForPort } from "./lib/server";

const APP_PORT = 3300;
const STATIC_PORT = 3301;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const dataDir = path.resolve(".data/bench");
process.env.DATA_DIR = dataDir;
process.env.PORT = String(APP_PORT);
delete process.env.DATABASE_URL;

async function load(url: string) {
  const result = await autocannon({ url, connections, duration });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50ms: result.latency.p50,
    latencyP99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    throughputMBps: Number((result.throughput.average / 1e6).toFixed(1)),
  };
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

  const app = startAppServer({ port: APP_PORT, env: { DATA_DIR: dataDir }, quiet: true });
  await waitForPort(APP_PORT);
  const articlePath = `/${seedStories[0]!.section}/${seedStories[0]!.slug}`;
  const articleUrl = `http://127.0.0.1:${APP_PORT}${articlePath}`;
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
  const home = await load(`http://127.0.0.1:${APP_PORT}/`);
  console.log(`autocannon -c ${connections} -d ${duration}: the same HTML from a static file server…`);
  const plain = await load(`http://127.0.0.1:${STATIC_PORT}/index.html`);

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
  };
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync("bench-results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
  console.table({
    "article page (Next.js, cached)": article,
    "home page (Next.js, cached)": home,
    "static file server, same bytes": plain,
  });
  console.log(`Article page: ${results.articleVsStatic}× the static server; app RSS after load ${appRss} MB`);

  staticServer.kill();
  app.kill();
  fs.rmSync(staticDir, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  fail(error);
}
