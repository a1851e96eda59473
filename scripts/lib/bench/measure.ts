import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { filePagesOnceKb, processTree, residentUnionKb } from "../process-memory";
import { waitForPort } from "../server.mjs";
import type { MemoryPeaks, ProcessPeak, Round } from "./results";

// The measuring side of `npm run bench`: the app started as `npm start` starts it, its processes'
// CPU time and memory read from /proc while autocannon loads it.

export function stopGroup(child: ChildProcess | undefined): void {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Gone already.
    }
  }
}

const TAIL_LINES = 40;

/**
 * `npm start`, in a process group of its own, with its memory sampled. A server that dies under a
 * load (out of memory, say) is a finding, not the end of the run: it says why, and starts again.
 */
export class NpmStart {
  private child: ChildProcess | undefined;
  private sampler: MemorySampler | undefined;
  private readonly peaks: ProcessPeak[] = [];
  private tail: string[] = [];

  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.tail = [];
    const child = spawn("npm", ["start"], { env: { ...process.env, ...this.env, PORT: String(this.port) }, stdio: ["ignore", "ignore", "pipe"], detached: true });
    child.stderr!.on("data", (chunk: Buffer) => {
      this.tail = [...this.tail, ...chunk.toString().split("\n")].slice(-TAIL_LINES);
    });
    this.child = child;
    this.sampler = new MemorySampler(child.pid!);
    await waitForPort(this.port, 10 * 60_000);
  }

  get pid(): number {
    return this.child!.pid!;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Why the server stopped, from the end of its error output. */
  exitReason(): string {
    if (this.tail.some((line) => /heap out of memory/.test(line))) return "JavaScript heap out of memory";
    return this.tail.filter((line) => line.trim()).at(-1)?.trim().slice(0, 160) ?? `exit code ${this.child?.exitCode}`;
  }

  takeRoundPeak(): MemoryPeaks {
    return this.sampler?.takeRoundPeak() ?? { rssMb: 0, pssMb: 0, residentMb: 0 };
  }

  /** The highest resident total (each page once) since the last call: the peak under one load's round. */
  takeLoadPeak(): number {
    return this.sampler?.takeLoadPeak() ?? 0;
  }

  /** Each process's own peak over every start. */
  processes(): ProcessPeak[] {
    return [...this.peaks, ...(this.sampler ? this.sampler.peaksSoFar() : [])];
  }

  stop(): void {
    if (this.sampler) this.peaks.push(...this.sampler.stop());
    this.sampler = undefined;
    stopGroup(this.child);
  }
}

/** How often the pages of files the tree maps are counted again (reading pagemap costs ~10–50 ms; code changes slowly). */
const FILE_PAGES_EVERY_MS = 2000;

/**
 * Samples the total resident memory of a process tree — the RSS sum, the PSS sum, and each page
 * once (residentUnionKb) — its peak per round, and each process's own peak.
 */
class MemorySampler {
  private roundPeak: MemoryPeaks = { rssMb: 0, pssMb: 0, residentMb: 0 };
  private loadPeakMb = 0;
  private readonly peaks = new Map<number, ProcessPeak>();
  private readonly timer: NodeJS.Timeout;
  private files: { kb: number | undefined; at: number; pids: string } | undefined;

  constructor(private readonly root: number, everyMs = 250) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private filePagesKb(pids: number[]): number | undefined {
    const key = pids.join(",");
    if (!this.files || this.files.pids !== key || Date.now() - this.files.at > FILE_PAGES_EVERY_MS) {
      this.files = { kb: filePagesOnceKb(pids), at: Date.now(), pids: key };
    }
    return this.files.kb;
  }

  private sample(): void {
    const tree = processTree(this.root);
    if (!tree.length) return;
    const pids = tree.map((entry) => entry.pid);
    const pssMb = tree.reduce((sum, entry) => sum + entry.pssMb, 0);
    const union = residentUnionKb(pids, this.filePagesKb(pids));
    const now: MemoryPeaks = {
      rssMb: tree.reduce((sum, entry) => sum + entry.rssMb, 0),
      pssMb,
      residentMb: union === undefined ? pssMb : Math.round(union / 1024),
    };
    this.roundPeak = {
      rssMb: Math.max(this.roundPeak.rssMb, now.rssMb),
      pssMb: Math.max(this.roundPeak.pssMb, now.pssMb),
      residentMb: Math.max(this.roundPeak.residentMb, now.residentMb),
    };
    this.loadPeakMb = Math.max(this.loadPeakMb, now.residentMb);
    for (const entry of tree) {
      const known = this.peaks.get(entry.pid);
      this.peaks.set(entry.pid, {
        command: entry.command,
        peakMb: Math.max(known?.peakMb ?? 0, entry.peakMb, entry.rssMb),
        peakPssMb: Math.max(known?.peakPssMb ?? 0, entry.pssMb),
      });
    }
  }

  /** The highest totals since the last call. */
  takeRoundPeak(): MemoryPeaks {
    this.sample();
    const peak = this.roundPeak;
    this.roundPeak = { rssMb: 0, pssMb: 0, residentMb: 0 };
    return peak;
  }

  takeLoadPeak(): number {
    this.sample();
    const peak = this.loadPeakMb;
    this.loadPeakMb = 0;
    return peak;
  }

  peaksSoFar(): ProcessPeak[] {
    return [...this.peaks.values()];
  }

  stop(): ProcessPeak[] {
    this.sample();
    clearInterval(this.timer);
    return this.peaksSoFar();
  }
}

/** CPU time (user + system, ms) so far of each process that serves a load, by pid. */
export type CpuReader = () => Map<number, number>;

function cpuSince(read: CpuReader, before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of read()) total += ms - (before.get(pid) ?? 0);
  return total;
}

const SETTLE_WINDOW_MS = 300;
/** CPU time under which the server counts as idle over one window (clock ticks are 10 ms). */
const IDLE_CPU_MS = 20;

/**
 * Waits until the server is idle: autocannon stops at the end of its time with requests still
 * in flight, which the server finishes anyway. Their CPU time belongs to this load, not the next.
 */
async function settle(read: CpuReader, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let before = read();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
    if (cpuSince(read, before) <= IDLE_CPU_MS) return;
    before = read();
  }
}

export type LoadOptions = Omit<autocannon.Options, "url"> & {
  url: string;
  /** Stops the run early once this many answers came (for loads that must not repeat). */
  maxRequests?: number;
};

/** autocannon, stopped early at `maxRequests` when given. */
function run({ maxRequests, ...options }: LoadOptions): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    let answered = 0;
    const instance = autocannon(options, (error, result) => (error ? reject(error as Error) : resolve(result)));
    if (maxRequests !== undefined) {
      instance.on("response", () => {
        if (++answered === maxRequests) instance.stop();
      });
    }
  });
}

/**
 * One autocannon run from an idle server, with the CPU time the processes `cpu` reads spent on
 * it until idle again, per request sent (the ones still in flight at the end included).
 */
export async function measureRound(cpu: CpuReader, options: LoadOptions): Promise<Round> {
  await settle(cpu);
  const before = cpu();
  const result = await run(options);
  await settle(cpu);
  const spent = cpuSince(cpu, before);
  const answered = result.requests.total;
  const sent = Math.max(result.requests.sent, answered);
  return {
    requestsPerSecond: result.duration > 0 ? Math.round(answered / result.duration) : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: sent ? spent / sent : NaN,
    requests: answered,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
