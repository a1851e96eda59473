import { configurationName, findLoad, median, noise, staticRps, summarize, type BenchRun, type Configuration } from "./results";

// The targets of issue 12, judged against one run. A figure on the wrong side of its limit fails
// only when it misses by more than the run-to-run noise measured for it (the rounds' spread);
// missing by less is "within noise" — reported, but not a failure of the run.

export const TARGETS = {
  cachedVsStatic: 0.5,
  uncachedCpuMs: 10,
  flatSlowdown: 1.2,
  memoryMb: 300,
} as const;

export type Verdict = "pass" | "within noise" | "fail";

export interface TargetCheck {
  target: string;
  where: string;
  measured: number;
  limit: number;
  /** "at least" or "at most" the limit. */
  direction: "min" | "max";
  /** Relative noise the verdict allowed for. */
  noise: number;
  verdict: Verdict;
}

/** Pass inside the limit; within noise when the limit lies within `noise` (relative) of the figure. */
export function judge(measured: number, limit: number, direction: "min" | "max", relativeNoise: number): Verdict {
  if (direction === "min" ? measured >= limit : measured <= limit) return "pass";
  const reach = direction === "min" ? measured * (1 + relativeNoise) >= limit : measured / (1 + relativeNoise) <= limit;
  return reach ? "within noise" : "fail";
}

function check(target: string, where: string, measured: number, limit: number, direction: "min" | "max", relativeNoise: number): TargetCheck {
  return { target, where, measured, limit, direction, noise: relativeNoise, verdict: judge(measured, limit, direction, relativeNoise) };
}

function perConfiguration(configuration: Configuration): TargetCheck[] {
  const where = configurationName(configuration);
  const checks: TargetCheck[] = [];
  const statics = configuration.loads.find((load) => load.kind === "static");
  const cached = configuration.loads.find((load) => load.kind === "cached-article" && load.rounds.length);
  const plain = staticRps(configuration);
  if (statics && cached && plain) {
    // Each round's article run next to that round's static run: what slows the machine down for
    // both (other work on it) cancels out of their ratio.
    const ratios = cached.rounds.flatMap((round, i) => (statics.rounds[i]?.requestsPerSecond ? [round.requestsPerSecond / statics.rounds[i]!.requestsPerSecond] : []));
    checks.push(check("cached article ≥ 0.5 × static server (req/s, per round)", where, median(ratios), TARGETS.cachedVsStatic, "min", noise(ratios)));
  }
  const uncached = configuration.loads.find((load) => load.kind === "uncached-article" && load.rounds.length);
  if (uncached) {
    const u = summarize(uncached);
    checks.push(check("uncached article ≤ 10 ms server CPU", where, u.cpuMsPerRequest, TARGETS.uncachedCpuMs, "max", u.cpuNoise));
  }
  const died = configuration.loads.filter((load) => load.failure);
  checks.push(check(`the server stays up under every load${died.length ? ` (died: ${died.map((load) => load.label).join(", ")})` : ""}`, where, died.length, 0, "max", 0));
  // Each page once (node's code in npm and the server is one copy); results from before that was
  // measured have only the RSS sum, which counts it twice.
  const peaks = configuration.peakResidentMbPerRound?.length ? configuration.peakResidentMbPerRound : configuration.peakTotalMbPerRound;
  if (peaks.length) {
    checks.push(check("npm start ≤ 300 MB resident in total", where, Math.max(...peaks), TARGETS.memoryMb, "max", noise(peaks)));
  }
  return checks;
}

/** Flat cost: server CPU per request at the largest corpus over the smallest, per database. */
function flatCost(run: BenchRun): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const database of ["pglite", "postgres"] as const) {
    const sizes = run.configurations.filter((c) => c.database === database).sort((a, b) => a.stories - b.stories);
    const small = sizes[0];
    const large = sizes.at(-1);
    if (!small || !large || small === large) continue;
    for (const load of large.loads) {
      if (load.kind === "static" || load.kind === "floor" || load.kind === "post" || load.notBuilt || !load.rounds.length) continue;
      const before = findLoad(small, load.id);
      if (!before) continue;
      const a = summarize(before);
      const b = summarize(load);
      if (!(a.cpuMsPerRequest > 0)) continue;
      // A document that lists more with a larger corpus (a sitemap page) is compared per entry.
      const perEntry = before.entries && load.entries ? before.entries / load.entries : 1;
      checks.push(
        check(
          `flat cost: ${load.label} ≤ 1.2× CPU/${perEntry === 1 ? "request" : "entry"}`,
          `${configurationName(small)} → ${configurationName(large)}`,
          (b.cpuMsPerRequest / a.cpuMsPerRequest) * perEntry,
          TARGETS.flatSlowdown,
          "max",
          a.cpuNoise + b.cpuNoise,
        ),
      );
    }
  }
  return checks;
}

export function checkTargets(run: BenchRun): TargetCheck[] {
  return [...run.configurations.flatMap(perConfiguration), ...flatCost(run)];
}

export const failures = (checks: TargetCheck[]) => checks.filter((c) => c.verdict === "fail");
