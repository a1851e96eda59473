import fs from "node:fs";

// The resident memory and CPU time of a process and everything it started, read from /proc (Linux
// only): `npm run measure:memory` and `npm run bench` sum them for `npm start`, and a test checks
// the supervisor stays small.

export interface ProcessMemory {
  pid: number;
  /** Resident set size now, in MB. */
  rssMb: number;
  /** The highest resident set size the process had (VmHWM), in MB. */
  peakMb: number;
  command: string;
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: read after its last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of one process so far, in ms (0 once it has gone). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The processes whose command line (arguments joined by spaces) matches `pattern`. */
export function processesMatching(pattern: RegExp): number[] {
  return fs.readdirSync("/proc").flatMap((name) => {
    const pid = Number(name);
    if (!Number.isInteger(pid)) return [];
    try {
      return pattern.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ")) ? [pid] : [];
    } catch {
      return [];
    }
  });
}

/** CPU time (user + system, ms) of each process of the tree under `root`, by pid. */
export function treeCpuMs(root: number): Map<number, number> {
  return new Map(processTree(root).map((entry) => [entry.pid, cpuMsOf(entry.pid)]));
}

export function processMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return { pid, rssMb: mb("VmRSS"), peakMb: mb("VmHWM"), command };
  } catch {
    return undefined;
  }
}

/** The process and all its descendants, parents before children. */
export function processTree(root: number): ProcessMemory[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: ProcessMemory[] = [];
  const visit = (pid: number) => {
    const memory = processMemory(pid);
    if (memory) tree.push(memory);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** Where a process's resident memory is, in MB, from /proc/<pid>/smaps. */
export interface ResidentBreakdown {
  /** Program and library code and data mapped from files (node itself ~45 MB). */
  files: number;
  /** The largest anonymous mapping of at least 128 MB: PGlite's WebAssembly memory when it runs in the process. */
  wasm: number;
  /** glibc malloc's main heap: Buffers, compression state, native allocations. */
  malloc: number;
  /** Other anonymous memory: the V8 heap, JIT code, thread stacks and arenas, large Buffers. */
  anonymous: number;
  /** Resident bytes of each file mapped read-only (code): the same page-cache pages in every process that maps it. */
  sharedFiles: Record<string, number>;
}

export function residentBreakdown(pid: number): ResidentBreakdown | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, "utf8");
  } catch {
    return undefined;
  }
  const mappings: { size: number; writable: boolean; name: string; rss: number }[] = [];
  for (const line of text.split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) mappings.push({ size: parseInt(head[2]!, 16) - parseInt(head[1]!, 16), writable: head[3]!.startsWith("rw"), name: head[4] ?? "", rss: 0 });
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && mappings.length) mappings[mappings.length - 1]!.rss += Number(rss[1]) * 1024;
  }
  const anonymous = mappings.filter((mapping) => !mapping.name);
  // V8 reserves gigabytes around it without access rights: those hold nothing.
  const wasm = anonymous.filter((mapping) => mapping.writable && mapping.size >= 128 * 1024 * 1024).sort((a, b) => b.size - a.size)[0];
  const sum = (list: typeof mappings) => Math.round(list.reduce((total, mapping) => total + mapping.rss, 0) / 1024 / 1024);
  const sharedFiles: Record<string, number> = {};
  for (const mapping of mappings) {
    if (mapping.name.startsWith("/") && !mapping.writable) sharedFiles[mapping.name] = (sharedFiles[mapping.name] ?? 0) + mapping.rss;
  }
  return {
    files: sum(mappings.filter((mapping) => mapping.name.startsWith("/"))),
    wasm: sum(wasm ? [wasm] : []),
    malloc: sum(mappings.filter((mapping) => mapping.name === "[heap]")),
    anonymous: sum(anonymous.filter((mapping) => mapping !== wasm)),
    sharedFiles,
  };
}
