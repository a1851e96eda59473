import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./client";

const run = promisify(execFile);
const dirs: string[] = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-lock-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("lockDataDir", () => {
  it("refuses a second process with a message naming the directory", async () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    try {
      const script = `import { lockDataDir } from "./db/client.ts"; lockDataDir(${JSON.stringify(dir)});`;
      const result = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: process.cwd(),
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`The data directory ${dir} is in use by another process (pid ${process.pid})`);
    } finally {
      release();
    }
    expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that died", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "pglite.lock"), "999999999\n");
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8").trim()).toBe(String(process.pid));
    release();
  });

  it("throws DataDirLockedError while a live process holds it", () => {
    const dir = tempDir();
    // pid 1 is always alive.
    fs.writeFileSync(path.join(dir, "pglite.lock"), "1\n");
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
