// npm run measure:cached-hit [-- --baseline <dir>] – the server's CPU time per cached article
// answered from the page store (the cheapest request it serves, where a log line and the metrics
// weigh most), with autocannon against the built server (run a build first). With --baseline,
// the server built in <dir> (another checkout, say one without request logging) is measured on the
// same database first, then this one, in turns, so both see the same load on the machine.
import fs from "node:fs";
import path from "node:path";
import { measureRound } from "./lib/bench/measure";
import { fail } from "./lib/cli";
import { prepareOpsSite, startOpsServer } from "./lib/ops-server";
import { cpuMsOf } from "./lib/process-memory";

const PORT = Number(process.env.MEASURE_PORT ?? 3541);
const ROUNDS = 3;
const SECONDS = 8;
const CONNECTIONS = 10;
const HEADERS = { accept: "text/html", "accept-encoding": "br, gzip" };

async function articleUrl(site: string): Promise<string> {
  const sitemap = await (await fetch(`${site}/sitemaps/stories-1.xml`)).text();
  const location = /<loc>([^<]+)<\/loc>/.exec(sitemap)?.[1];
  if (!location) throw new Error("No story in the sitemap");
  return new URL(location).pathname;
}

async function measure(root: string, label: string, site: Awaited<ReturnType<typeof prepareOpsSite>>): Promise<number[]> {
  const server = await startOpsServer(site, { root, port: PORT, logFile: path.join(site.dir, `${label}.log`) });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    const article = await articleUrl(base);
    // Rendered, then stored, then answered from the store.
    for (let i = 0; i < 3; i++) await (await fetch(`${base}${article}`, { headers: HEADERS })).arrayBuffer();
    const pid = server.child.pid!;
    const cpu = () => new Map([[pid, cpuMsOf(pid)]]);
    const figures: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const result = await measureRound(cpu, { url: `${base}${article}`, connections: CONNECTIONS, duration: SECONDS, headers: HEADERS });
      if (result.non2xx || result.errors) throw new Error(`${label}: ${result.non2xx} answers were not 2xx, ${result.errors} errors`);
      figures.push(result.cpuMsPerRequest);
      console.log(`${label}: ${result.requestsPerSecond} requests/s, ${(result.cpuMsPerRequest * 1000).toFixed(1)} µs of CPU per request`);
    }
    return figures;
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
}

async function main() {
  const at = process.argv.indexOf("--baseline");
  const baseline = at === -1 ? undefined : path.resolve(process.argv[at + 1] ?? "");
  const site = await prepareOpsSite("meridian-measure-");
  try {
    const runs: Record<string, number[]> = { current: [] };
    if (baseline) runs.baseline = [];
    for (let turn = 0; turn < 2; turn++) {
      if (baseline) runs.baseline!.push(...(await measure(baseline, "baseline", site)));
      runs.current!.push(...(await measure(process.cwd(), "current", site)));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    for (const [label, values] of Object.entries(runs)) {
      console.log(`${label}: median ${(median(values) * 1000).toFixed(1)} µs of server CPU per cached hit (${values.length} rounds of ${SECONDS} s)`);
    }
  } finally {
    fs.rmSync(site.dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(error),
);
