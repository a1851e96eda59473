// npm run test:e2e:alone [-- e2e/some.spec.ts …] [-- --fresh-server] – runs every end-to-end test
// on its own (`playwright test -g`), to show that none needs another to have run before it.
// Too slow for `npm test`. One server (scripts/e2e-server.ts, which builds only when the sources
// changed) serves all the runs; the tests run project by project, and within a project from last
// to first, so a test that leaned on an earlier one's data would run without it and fail.
// --fresh-server starts a new server, on a new database, for each test (much slower).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import config from "../playwright.config";
import { aloneOrder, grepFor, listedTests, outcomeOf, type ListedTest } from "./lib/e2e-tests";
import { isPortFree, waitForPort } from "./lib/server.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
const args = process.argv.slice(2);
const freshServer = args.includes("--fresh-server");
const specs = args.filter((arg) => !arg.startsWith("--"));
const playwright = path.join("node_modules", ".bin", "playwright");
/** The runs reuse the server this script started (playwright.config.ts reads it). */
const runEnv = { ...process.env, E2E_PORT: String(port), E2E_REUSE_SERVER: "1" };

/** Runs Playwright with a JSON report on stdout and returns the report. */
function playwrightJson(playwrightArgs: string[]): Promise<object> {
  return new Promise((resolve) => {
    const child = spawn(playwright, [...playwrightArgs, "--reporter=json"], { env: runEnv, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", () => {
      try {
        resolve(JSON.parse(out) as object);
      } catch {
        resolve({ errors: [{ message: out.trim().split("\n")[0] || "no output" }] });
      }
    });
  });
}

async function startServer(): Promise<ChildProcess> {
  if (!(await isPortFree(port))) throw new Error(`Port ${port} is taken: stop what runs there, or set E2E_PORT`);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, E2E_PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<never>((_, reject) => server.once("exit", (code) => reject(new Error(`The e2e server stopped (exit code ${code})`))));
  // It may build the application first.
  await Promise.race([waitForPort(port, 15 * 60_000), exited]);
  return server;
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const gone = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await gone;
  // The port is free again before the next server starts.
  while (!(await isPortFree(port))) await new Promise((resolve) => setTimeout(resolve, 200));
}

async function runAlone(test: ListedTest): Promise<string> {
  const report = await playwrightJson(["test", path.join("e2e", test.file), "--project", test.project, "--no-deps", "-g", grepFor(test), "--workers=1"]);
  return outcomeOf(report);
}

const projects = (config.projects ?? []).map((project) => project.name ?? "");
// --no-deps: the specs asked for, without the whole project they depend on.
const tests = aloneOrder(listedTests(await playwrightJson(["test", "--list", "--no-deps", ...specs])), projects);
console.log(`${tests.length} tests, each run alone on port ${port}${freshServer ? ", each on a fresh server" : ""}.`);

const failed: string[] = [];
let server = await startServer();
// Stopped, the script stops its server too.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.kill("SIGTERM");
    process.exit(130);
  });
}
try {
  for (const [index, test] of tests.entries()) {
    if (freshServer && index > 0) {
      await stopServer(server);
      server = await startServer();
    }
    const started = Date.now();
    const outcome = await runAlone(test);
    const name = `[${test.project}] ${test.file}:${test.line} › ${test.titles.join(" › ")}`;
    console.log(`${outcome === "passed" ? "✓" : "✗"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${outcome === "passed" ? "" : `: ${outcome}`}`);
    if (outcome !== "passed") failed.push(name);
  }
} finally {
  await stopServer(server);
}

console.log(`\n${tests.length - failed.length} of ${tests.length} passed alone.`);
if (failed.length > 0) {
  console.log(`Failed alone:\n${failed.map((name) => `  ${name}`).join("\n")}`);
  process.exit(1);
}
