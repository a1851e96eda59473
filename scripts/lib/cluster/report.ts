import type { Timing } from "./client";

// What the cluster test reports: each of issue 16's seven checks, passed or not, with the time
// each measured step took on each target (the proxy and every instance), and the throughput of
// the cached article behind the proxy with one instance and with two.

export interface Measure {
  what: string;
  ms: Record<string, number | null>;
  /** When the request that found the change was answered, where that differs (a page rendered). */
  answeredMs?: Record<string, number>;
}

export interface CheckResult {
  check: string;
  ok: boolean;
  measures: Measure[];
  note?: string;
  problems: string[];
}

export interface Throughput {
  instances: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Each round's requests per second; the figures above are the median round's. */
  rounds: number[];
  non2xx: number;
  errors: number;
}

export function measure(what: string, timing: Timing): Measure {
  return { what, ms: timing.ms, answeredMs: timing.answeredMs };
}

const cell = (ms: number | null | undefined) => (ms === undefined ? "" : ms === null ? "—" : `${ms} ms`);

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((text, column) => text.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}

export function formatChecks(results: CheckResult[], targets: string[]): string {
  const rows = [["check", "result", "measured", ...targets]];
  for (const result of results) {
    const measures = result.measures.length ? result.measures : [{ what: "", ms: {} }];
    measures.forEach((entry, index) => {
      rows.push([index ? "" : result.check, index ? "" : result.ok ? "ok" : "FAILED", entry.what, ...targets.map((target) => cell(entry.ms[target]))]);
    });
  }
  const problems = results.flatMap((result) => result.problems.map((problem) => `  ${result.check.split(".")[0]}. ${problem}`));
  return `${pad(rows)}${problems.length ? `\n\nproblems:\n${problems.join("\n")}` : ""}`;
}

export function formatThroughput(runs: Throughput[]): string {
  const rows = [["cached article behind the proxy", "req/s (median)", "p50", "p99", "rounds, req/s", "non-2xx", "errors"]];
  for (const run of runs) {
    rows.push([`${run.instances} instance${run.instances > 1 ? "s" : ""}`, String(run.requestsPerSecond), `${run.p50Ms} ms`, `${run.p99Ms} ms`, run.rounds.join(", "), String(run.non2xx), String(run.errors)]);
  }
  const [one, two] = runs;
  const ratio = one && two && one.requestsPerSecond > 0 ? `\ntwo instances / one: ${(two.requestsPerSecond / one.requestsPerSecond).toFixed(2)}×` : "";
  return `${pad(rows)}${ratio}`;
}
