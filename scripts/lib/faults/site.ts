import { fork } from "node:child_process";
import type { SiteFacts } from "./prepare-site";

/**
 * Migrates and seeds the empty database `env` names in a child process of its own
 * (scripts/lib/faults/prepare-site.ts: the settings are read once per process, and PGlite's
 * memory and lock go with it), and answers what the load and the checks need.
 */
export function prepareSite(env: Record<string, string>): Promise<SiteFacts> {
  return new Promise((resolve, reject) => {
    const child = fork("scripts/lib/faults/prepare-site.ts", { execArgv: ["--import", "tsx"], env: { ...process.env, ...env } });
    child.once("message", (facts) => resolve(facts as SiteFacts));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`Preparing the site failed (exit ${code})`))));
  });
}
