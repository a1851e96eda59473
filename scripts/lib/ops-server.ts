import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "./prepare-database";
import { SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_FLAGS, waitForPort } from "./server.mjs";

// The built server as the operations scripts run it (scripts/ops-test.ts, scripts/measure-cached-hit.ts):
// on an embedded database of its own in a temporary directory, migrated and seeded with the demo
// edition, its log written to a file there, started and stopped by signal like a process manager.

export interface OpsSite {
  dir: string;
  dataDir: string;
  env: Record<string, string>;
}

/** A temporary directory with a migrated, seeded PGlite database; this process's env points at it. */
export async function prepareOpsSite(prefix: string): Promise<OpsSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(dir, "data");
  const env = { DATA_DIR: dataDir, AUTH_SECRET: randomBytes(32).toString("base64url") };
  Object.assign(process.env, env);
  await prepareDatabase({ seed: true, log: () => {} });
  return { dir, dataDir, env };
}

export interface RunningServer {
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts the server bundle built under `root` on `port`, its stdout and stderr into `logFile`. */
export async function startOpsServer(site: OpsSite, options: { root: string; port: number; logFile: string; env?: Record<string, string> }): Promise<RunningServer> {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(options.root, SERVER_BUNDLE)], {
    cwd: options.root,
    stdio: ["ignore", log, log],
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...SERVER_ENV, ...site.env, ...options.env, PORT: String(options.port), MERIDIAN_SUPERVISED: "1" },
  });
  fs.closeSync(log);
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.once("exit", stop);
  await Promise.race([waitForPort(options.port, 120_000), exited.then((code) => Promise.reject(new Error(`The server exited (${code}) before it answered: see ${options.logFile}`)))]);
  return { child, logFile: options.logFile, exited };
}
