import type { BenchRun, Configuration, Load, LoadKind, Round } from "./results";

// Made-up runs for the tests of the benchmark's pure parts (targets, report, chart).

export function round(requestsPerSecond: number, cpuMsPerRequest: number): Round {
  return { requestsPerSecond, p50Ms: 10, p99Ms: 40, cpuMsPerRequest, requests: requestsPerSecond * 5, non2xx: 0, errors: 0 };
}

export function load(id: string, kind: LoadKind, rounds: [number, number][]): Load {
  return { id, label: id, kind, target: `/${id}`, rounds: rounds.map(([rps, cpu]) => round(rps, cpu)) };
}

/** `peaks`: the resident totals with each page once; the RSS sum made 40 MB higher (node's code counted twice). */
export function configuration(database: Configuration["database"], stories: number, loads: Load[], peaks = [250, 260]): Configuration {
  return {
    database,
    stories,
    comments: stories * 10,
    seedSeconds: 12,
    loads,
    peakTotalMbPerRound: peaks.map((peak) => peak + 40),
    peakPssMbPerRound: peaks.map((peak) => peak - 10),
    peakResidentMbPerRound: peaks,
    processes: [{ command: "node scripts/start.mjs", peakMb: (peaks[0] ?? 0) + 40, peakPssMb: peaks[0] ?? 0 }],
    publishToVisibleMs: [40, 50],
    liveChangeToVisibleMs: [30],
  };
}

export function benchRun(configurations: Configuration[]): BenchRun {
  return { date: "2026-12-06T15:00:00.000Z", machine: "2 × test CPU", quick: false, secondsPerRound: 5, rounds: 2, configurations };
}
