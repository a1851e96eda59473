import fs from "node:fs";

// The resident memory and CPU time of a process and everything it started, read from /proc (Linux
// only): `npm run measure:memory` and `npm run bench` sum them for `npm start`, and a test checks
// the supervisor stays small.
//
// Two totals of a tree's memory: the sum of RSS counts a page mapped by several processes (node's
// binary, in npm and in the server) once in each; the sum of PSS (proportional set size: a page
// shared by n processes counts 1/n in each) counts it once in all — the memory the tree really
// holds, which issue 12's "resident in total" means.

export interface ProcessMemory {
  pid: number;
  /** Resident set size now, in MB: shared pages counted in full. */
  rssMb: number;
  /** Proportional set size now, in MB (smaps_rollup's Pss): a page shared by n processes counts 1/n. */
  pssMb: number;
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

/** One field of a /proc "Name:   1234 kB" text (status, smaps_rollup), in kB; 0 when absent. */
function kbField(text: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
}

/** The fields of /proc/<pid>/smaps_rollup that the totals use, in kB. */
export interface SmapsRollup {
  rssKb: number;
  pssKb: number;
  /** Pss of anonymous memory (heaps, WebAssembly memory): never shared between these processes. */
  pssAnonKb: number;
  /** Pss of pages mapped from files (code): shared with every process that maps the same file. */
  pssFileKb: number;
  pssShmemKb: number;
  /** Anonymous pages, in file mappings too (copy-on-write copies). */
  anonymousKb: number;
}

export function parseSmapsRollup(text: string): SmapsRollup {
  return {
    rssKb: kbField(text, "Rss"),
    pssKb: kbField(text, "Pss"),
    pssAnonKb: kbField(text, "Pss_Anon"),
    pssFileKb: kbField(text, "Pss_File"),
    pssShmemKb: kbField(text, "Pss_Shmem"),
    anonymousKb: kbField(text, "Anonymous"),
  };
}

/** The process's smaps_rollup, or undefined once it has gone (or without the file: Linux before 4.14). */
export function smapsRollupOf(pid: number): SmapsRollup | undefined {
  try {
    return parseSmapsRollup(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
  } catch {
    return undefined;
  }
}

const toMb = (kb: number) => Math.round(kb / 1024);

export function processMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    const rssMb = toMb(kbField(status, "VmRSS"));
    // Without smaps_rollup (another system), PSS falls back to RSS: an upper bound.
    const pss = smapsRollupOf(pid);
    return { pid, rssMb, pssMb: pss ? toMb(pss.pssKb) : rssMb, peakMb: toMb(kbField(status, "VmHWM")), command };
  } catch {
    return undefined;
  }
}

const PAGE_KB = 4;
/** Bits of a /proc/<pid>/pagemap entry (64 bits, read as two 32-bit halves): in RAM, and mapped from a file (or shared). */
const PRESENT = 0x8000_0000;
const FILE_OR_SHARED = 0x2000_0000;
/** The page frame number is bits 0–54: the high half's low 23 bits above the low half. */
const PFN_HIGH_MASK = 0x7f_ffff;

/**
 * Adds the frame numbers of the resident file pages among `entries` (pagemap bytes, 8 per page)
 * to `frames`. Copy-on-write copies in a file mapping (a library's written data) are anonymous
 * pages, counted with the process's anonymous memory instead. Returns false when every frame
 * number reads 0: without CAP_SYS_ADMIN the kernel hides them.
 */
export function addFilePages(entries: Buffer, frames: Set<number>): boolean {
  let pages = 0;
  let hidden = 0;
  for (let offset = 0; offset + 8 <= entries.length; offset += 8) {
    const high = entries.readUInt32LE(offset + 4);
    if (!(high & PRESENT) || !(high & FILE_OR_SHARED)) continue;
    const frame = (high & PFN_HIGH_MASK) * 2 ** 32 + entries.readUInt32LE(offset);
    pages++;
    if (frame) frames.add(frame);
    else hidden++;
  }
  return pages === 0 || hidden < pages;
}

/** The file-backed mappings of /proc/<pid>/maps text, as page ranges [first, end). */
export function fileMappings(maps: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of maps.split("\n")) {
    const match = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ [1-9]\d*\s+\//.exec(line);
    if (match) ranges.push([parseInt(match[1]!, 16) / (PAGE_KB * 1024), parseInt(match[2]!, 16) / (PAGE_KB * 1024)]);
  }
  return ranges;
}

/**
 * Every distinct physical page of the files a set of processes maps (node's binary in npm and in
 * the server: one copy), in kB, from the page frame numbers in /proc/<pid>/pagemap. Undefined when
 * the frame numbers are hidden (not root).
 */
export function filePagesOnceKb(pids: number[]): number | undefined {
  const frames = new Set<number>();
  for (const pid of pids) {
    let fd: number | undefined;
    try {
      const maps = fs.readFileSync(`/proc/${pid}/maps`, "utf8");
      fd = fs.openSync(`/proc/${pid}/pagemap`, "r");
      for (const [first, end] of fileMappings(maps)) {
        const entries = Buffer.alloc((end - first) * 8);
        fs.readSync(fd, entries, 0, entries.length, first * 8);
        if (!addFilePages(entries, frames)) return undefined;
      }
    } catch {
      // Gone meanwhile: what it mapped is no longer its.
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  return frames.size * PAGE_KB;
}

/** A process's anonymous memory (heaps, WebAssembly memory, copy-on-write copies) and shared memory, in kB. */
export function anonymousKb(pid: number): number {
  const rollup = smapsRollupOf(pid);
  return rollup ? rollup.anonymousKb + rollup.pssShmemKb : 0;
}

/**
 * The resident memory of a set of processes with each page counted once, in kB: their anonymous
 * memory (private to each: they exec'd, nothing is shared copy-on-write) plus each physical page
 * of the files they map once (filePagesOnceKb). Unlike the sum of PSS it does not depend on other
 * processes of the machine: another node elsewhere mapping the same binary lowers this tree's PSS.
 * `filesKb` passes a recent filePagesOnceKb (code pages change slowly; reading them costs more).
 * Undefined when the frame numbers are hidden: use the PSS sum.
 */
export function residentUnionKb(pids: number[], filesKb = filePagesOnceKb(pids)): number | undefined {
  if (filesKb === undefined) return undefined;
  return pids.reduce((sum, pid) => sum + anonymousKb(pid), filesKb);
}

/** A tree's totals, in MB: RSS summed (shared pages once per process), PSS summed, and resident pages counted once. */
export interface TreeTotals {
  rssMb: number;
  pssMb: number;
  /** Each physical page once (residentUnionKb); the PSS sum where frame numbers are hidden. */
  unionMb: number;
}

export function treeTotals(tree: ProcessMemory[]): TreeTotals {
  const pssMb = tree.reduce((sum, entry) => sum + entry.pssMb, 0);
  const union = residentUnionKb(tree.map((entry) => entry.pid));
  return { rssMb: tree.reduce((sum, entry) => sum + entry.rssMb, 0), pssMb, unionMb: union === undefined ? pssMb : toMb(union) };
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
  return {
    files: sum(mappings.filter((mapping) => mapping.name.startsWith("/"))),
    wasm: sum(wasm ? [wasm] : []),
    malloc: sum(mappings.filter((mapping) => mapping.name === "[heap]")),
    anonymous: sum(anonymous.filter((mapping) => mapping !== wasm)),
  };
}
