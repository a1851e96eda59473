// What one `npm run bench` measures, as plain data: the rounds of every load, per configuration
// (database × corpus size), and the figures derived from them (medians and run-to-run noise).
// scripts/bench.ts fills it; targets.ts judges it; report.ts and chart.ts render it.

/** One autocannon run against one address, with the server's CPU time over it. */
export interface Round {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU (user + system, every process `npm start` runs) over the run, per request answered. */
  cpuMsPerRequest: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** The highest resident total of `npm start` (each page once, MB) during the round (absent in older results and for other servers). */
  peakResidentMb?: number;
}

/** What a load is, for the targets: which ones must stay flat from 1,000 to 100,000 stories. */
/** "floor": bench/floor, the framework with nothing of ours (scripts/lib/bench/floor.ts). */
export type LoadKind = "static" | "floor" | "cached-article" | "uncached-article" | "page" | "newsroom" | "post";

export interface Load {
  id: string;
  label: string;
  kind: LoadKind;
  /** The address measured (a path, or "POST <path>"). */
  target: string;
  rounds: Round[];
  /** Set when the route does not exist yet (it answered other than 200 before the load). */
  notBuilt?: string;
  /** Set when the server died under this load; it is not asked again. */
  failure?: string;
  /** Entries of a document whose size grows with the corpus (a sitemap page's URLs): cost is compared per entry. */
  entries?: number;
}

export interface ProcessPeak {
  command: string;
  /** The highest RSS (VmHWM): its shared pages (node's code) counted in full. */
  peakMb: number;
  /** The highest PSS sampled (absent in results from before it was measured). */
  peakPssMb?: number;
}

/** The highest totals of `npm start`'s processes at one moment, in MB. */
export interface MemoryPeaks {
  /** RSS summed: a page several processes map (node's binary in npm and the server) counted in each. */
  rssMb: number;
  /** PSS summed: a page shared by n processes counted 1/n in each — of every process of the machine that maps it. */
  pssMb: number;
  /** Each resident page once (scripts/lib/process-memory.ts, residentUnionKb): the target's figure. */
  residentMb: number;
}

export interface Configuration {
  database: "pglite" | "postgres";
  stories: number;
  comments: number;
  seedSeconds: number;
  loads: Load[];
  /** The highest RSS sum of all of `npm start`'s processes at one moment, per round. */
  peakTotalMbPerRound: number[];
  /** The highest PSS sum and the highest resident total with each page once, per round (absent in older results). */
  peakPssMbPerRound?: number[];
  peakResidentMbPerRound?: number[];
  /** Each process's own peak (VmHWM) over the whole run. */
  processes: ProcessPeak[];
  publishToVisibleMs: number[];
  liveChangeToVisibleMs: number[];
}

export interface BenchRun {
  date: string;
  machine: string;
  quick: boolean;
  secondsPerRound: number;
  rounds: number;
  configurations: Configuration[];
}

export const configurationName = (c: Pick<Configuration, "database" | "stories">) =>
  `${c.database === "pglite" ? "PGlite" : "PostgreSQL"} ${c.stories >= 1000 ? `${c.stories / 1000}k` : c.stories}`;

export const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Run-to-run noise: the spread of the rounds relative to their median ((max − min) / median); 0 for one round. */
export const noise = (values: number[]): number => {
  const middle = median(values);
  if (values.length < 2 || !(middle > 0)) return 0;
  return (Math.max(...values) - Math.min(...values)) / middle;
};

export interface LoadSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  /** Noise of requests per second and of CPU per request over the rounds. */
  rpsNoise: number;
  cpuNoise: number;
  non2xx: number;
  errors: number;
}

export function summarize(load: Load): LoadSummary {
  const pick = (key: Exclude<keyof Round, "peakResidentMb">) => load.rounds.map((round) => round[key]);
  return {
    requestsPerSecond: median(pick("requestsPerSecond")),
    p50Ms: median(pick("p50Ms")),
    p99Ms: median(pick("p99Ms")),
    cpuMsPerRequest: median(pick("cpuMsPerRequest")),
    rpsNoise: noise(pick("requestsPerSecond")),
    cpuNoise: noise(pick("cpuMsPerRequest")),
    non2xx: pick("non2xx").reduce((sum, n) => sum + n, 0),
    errors: pick("errors").reduce((sum, n) => sum + n, 0),
  };
}

export const findLoad = (configuration: Configuration, id: string) =>
  configuration.loads.find((load) => load.id === id && !load.notBuilt && load.rounds.length > 0);

/** The static server's median requests per second in the same configuration's run. */
export function staticRps(configuration: Configuration): number | undefined {
  const load = configuration.loads.find((candidate) => candidate.kind === "static");
  return load && load.rounds.length ? summarize(load).requestsPerSecond : undefined;
}
