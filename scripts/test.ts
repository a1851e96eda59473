// npm test – the whole suite, in order: typecheck, lint and dead code (knip) side by side, then
// unit/integration (Vitest), end-to-end (Playwright in Chromium against the production build), the
// fault, operations and cluster tests. Every step runs; the exit code is non-zero if any failed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

interface Step {
  name: string;
  command: string[];
  /** Reads the step's pass/fail counts from its JSON report. */
  counts?: () => { passed: number; failed: number };
  /**
   * Runs at the same time as the steps next to it that say so too, its output held until it ends:
   * the static checks each keep one core busy for half a minute, and no one of them needs another.
   */
  beside?: boolean;
}

const bin = (name: string) => path.join("node_modules", ".bin", name);
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

const steps: Step[] = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"], beside: true },
  { name: "lint", command: [bin("eslint"), "--max-warnings=0", "."], beside: true },
  // Unused files, exports and dependencies (knip.json): dead code cannot pile up.
  { name: "dead code", command: [bin("knip")], beside: true },
  {
    name: "unit and integration",
    command: [bin("vitest"), "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"],
    counts: () => {
      const report = readJson("test-results/unit.json");
      return { passed: report.numPassedTests, failed: report.numFailedTests };
    },
  },
  {
    name: "end-to-end",
    command: [bin("playwright"), "test"],
    counts: () => {
      const { stats } = readJson("test-results/e2e.json");
      return { passed: stats.expected, failed: stats.unexpected + stats.flaky };
    },
  },
  {
    // The application under load while its database fails every way issue 15 names (its own
    // PostgreSQL server): no 500, no acknowledged write lost or doubled, service back within 5 s.
    name: "fault tests",
    command: [bin("tsx"), "scripts/fault-test.ts"],
    counts: () => {
      const report = readJson("bench-results/faults.json");
      return { passed: report.passed, failed: report.failed };
    },
  },
  {
    // Health, readiness, metrics, the log's secrets, and SIGTERM under load (its own server and data).
    name: "operations: health, logs, metrics, graceful shutdown",
    command: [bin("tsx"), "scripts/ops-test.ts"],
    counts: () => {
      const report = readJson("bench-results/ops-test.json");
      return { passed: report.passed, failed: report.failed };
    },
  },
  {
    // Issue 16: three instances behind a proxy on a PostgreSQL primary and replica, Redis and
    // s3rver of its own; the seven checks timed on every instance, and 2-vs-1 instance throughput.
    name: "cluster: several instances, replica, Redis, object storage",
    command: [bin("tsx"), "scripts/cluster-test.ts"],
    counts: () => {
      const report = readJson("bench-results/cluster.json");
      return { passed: report.passed, failed: report.failed };
    },
  },
];

/** Runs `command`; its output goes straight through, or is held and returned when `hold`. */
function run(command: string[], hold = false): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: hold ? ["ignore", "pipe", "pipe"] : "inherit", env: process.env });
    const chunks: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString() }));
  });
}

/** The steps in the order they run: a group of steps `beside` one another runs at once. */
function stages(all: Step[]): Step[][] {
  const grouped: Step[][] = [];
  for (const step of all) {
    const last = grouped.at(-1);
    if (step.beside && last?.[0]?.beside) last.push(step);
    else grouped.push([step]);
  }
  return grouped;
}

fs.mkdirSync("test-results", { recursive: true });
const started = Date.now();
const summary: string[] = [];
let passed = 0;
let failed = 0;
let failedSteps = 0;

async function runStep(step: Step, hold: boolean): Promise<void> {
  if (!hold) console.log(`\n=== ${step.name} ===`);
  const stepStarted = Date.now();
  const { code, output } = await run(step.command, hold);
  if (hold) console.log(`\n=== ${step.name} ===\n${output}`);
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  let detail = "";
  if (step.counts) {
    try {
      const counts = step.counts();
      passed += counts.passed;
      failed += counts.failed;
      detail = `, ${counts.passed} passed, ${counts.failed} failed`;
    } catch {
      detail = ", no report";
    }
  }
  if (code !== 0) failedSteps++;
  summary.push(`${code === 0 ? "ok  " : "FAIL"} ${step.name} (${seconds} s${detail})`);
}

for (const stage of stages(steps)) {
  await Promise.all(stage.map((step) => runStep(step, stage.length > 1)));
}

console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===`);
for (const line of summary) console.log(line);
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 ? 1 : 0);
