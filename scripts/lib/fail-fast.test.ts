import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** Runs `npm run db:migrate`'s script with extra environment; returns its exit code and output. */
async function migrate(extraEnv: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-failfast-"));
  const result = await run(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, ...extraEnv },
    // A hang would be killed here and fail the test: the exit code would not be 1. Embedded
    // PGlite's first open (initdb) and every migration take a minute and more on a busy machine.
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
  return result;
}

describe("bad configuration stops the process with one clear line", () => {
  it.each([
    [{ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" }, "DATABASE_URL cannot reach the database at 127.0.0.1:1/nowhere (connection refused)"],
    [{ DATABASE_URL: "mysql://127.0.0.1/news" }, "DATABASE_URL must be a postgres:// or postgresql:// connection URL"],
    [{ SITE_URL: "example.org" }, "SITE_URL must be an absolute"],
    [{ PORT: "http" }, "PORT must be a port number"],
  ])("%j", async (extraEnv, message) => {
    const result = await migrate(extraEnv);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives up within seconds on a server that accepts connections but never answers", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const result = await migrate({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/news` });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Configuration error: DATABASE_URL cannot reach the database at 127.0.0.1:${port}/news (no answer within 5 seconds).`,
      );
    } finally {
      silent.close();
    }
  });

  it("migrates a fresh embedded database when the configuration is good", { timeout: 150_000 }, async () => {
    const result = await migrate({});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Migrations applied");
  });
});
