import fs from "node:fs";

// The resident memory of a process and everything it started, read from /proc (Linux only):
// `npm run measure:memory` sums it for `npm start`, and a test checks the supervisor stays small.

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

export function processMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return { pid, rssMb: mb("VmRSS"), peakMb: mb("VmHWM"), command: command.length > 90 ? `${command.slice(0, 87)}…` : command };
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
