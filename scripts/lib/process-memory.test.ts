import { spawn } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { addFilePages, fileMappings, parseSmapsRollup, processTree, residentUnionKb, treeTotals } from "./process-memory";

const ROLLUP = `55d0c8a6e000-7ffd3a5f2000 ---p 00000000 00:00 0                          [rollup]
Rss:              271684 kB
Pss:              229310 kB
Pss_Dirty:        205000 kB
Pss_Anon:         204800 kB
Pss_File:          24510 kB
Pss_Shmem:             0 kB
Shared_Clean:      47000 kB
Anonymous:        204812 kB
Swap:                  0 kB
SwapPss:               0 kB
`;

/** One pagemap entry: present or not, file page or anonymous, and its frame number. */
function entry(present: boolean, file: boolean, frame: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32LE(frame % 2 ** 32, 0);
  bytes.writeUInt32LE(((present ? 0x8000_0000 : 0) | (file ? 0x2000_0000 : 0) | Math.floor(frame / 2 ** 32)) >>> 0, 4);
  return bytes;
}

describe("process memory", () => {
  it("reads Rss, Pss and anonymous memory from smaps_rollup, not the Pss_ fields for Pss", () => {
    expect(parseSmapsRollup(ROLLUP)).toEqual({
      rssKb: 271684,
      pssKb: 229310,
      pssAnonKb: 204800,
      pssFileKb: 24510,
      pssShmemKb: 0,
      anonymousKb: 204812,
    });
    expect(parseSmapsRollup("").pssKb).toBe(0);
  });

  it("lists the mappings of files only, as page ranges", () => {
    const maps = [
      "00400000-00403000 r--p 00000000 08:01 1234                               /usr/bin/node",
      "7f0000000000-7f0000002000 rw-p 00000000 00:00 0 ",
      "7f0000002000-7f0000003000 rw-p 00000000 00:00 0                          [heap]",
      "7ffd00000000-7ffd00001000 r-xp 00000000 08:01 99                         /usr/lib/x86_64-linux-gnu/libc.so.6",
    ].join("\n");
    expect(fileMappings(maps)).toEqual([
      [0x400, 0x403],
      [0x7ffd00000, 0x7ffd00001],
    ]);
  });

  it("counts each resident file page's frame once, leaves out absent and copy-on-write pages, and knows hidden frame numbers", () => {
    const frames = new Set<number>();
    const high = 2 ** 33 + 5;
    expect(addFilePages(Buffer.concat([entry(true, true, 7), entry(false, true, 8), entry(true, false, 9), entry(true, true, high)]), frames)).toBe(true);
    // The same frame mapped again (the binary in a second process) adds nothing.
    expect(addFilePages(Buffer.concat([entry(true, true, 7), entry(true, true, 10)]), frames)).toBe(true);
    expect([...frames].sort((a, b) => a - b)).toEqual([7, 10, high]);
    // Present file pages all with frame 0: the kernel hides frame numbers from this user.
    expect(addFilePages(Buffer.concat([entry(true, true, 0), entry(true, true, 0)]), new Set())).toBe(false);
    // A mapping with nothing resident says nothing either way.
    expect(addFilePages(entry(false, false, 0), new Set())).toBe(true);
  });

  it.runIf(process.platform === "linux")("counts the node binary two processes map once: the union lies between the largest RSS and the RSS sum", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const tree = [process.pid, child.pid!].map((pid) => processTree(pid)[0]!);
      const totals = treeTotals(tree);
      expect(totals.pssMb).toBeLessThan(totals.rssMb);
      const union = residentUnionKb(tree.map((entry) => entry.pid));
      if (union === undefined) return; // frame numbers hidden (not root): the PSS sum stands in
      expect(fs.existsSync(`/proc/${process.pid}/pagemap`)).toBe(true);
      expect(totals.unionMb).toBeLessThan(totals.rssMb);
      expect(totals.unionMb).toBeGreaterThanOrEqual(Math.max(...tree.map((entry) => entry.rssMb)) - 1);
    } finally {
      child.kill();
    }
  });
});
