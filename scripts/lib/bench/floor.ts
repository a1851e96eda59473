import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_ENV, SERVER_NODE_FLAGS, waitForPort } from "../server.mjs";
import type { LoadPlan, LoadSettings } from "./loads";

// The framework's floor: what any page rendered on request costs here before any of our code
// runs. bench/floor is a Next.js application with nothing of ours in it (no database, no data; its
// cache handler a bare Map, as the app's pages are kept in memory), run with the server's own node
// flags; its pages render on every request.
// Measured in the same rounds as the app, it bounds the uncached article's CPU time: what the
// article costs beyond the floor of a page its size is ours to cut, the floor is not.

const FLOOR_DIR = "bench/floor";
const NEXT_BIN = "node_modules/next/dist/bin/next";

function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    if (entry.name === ".next") return newest;
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }, 0);
}

/** Builds bench/floor unless its build is newer than its sources and Next itself. */
export function buildFloor(): void {
  const buildId = path.join(FLOOR_DIR, ".next", "BUILD_ID");
  const inputs = Math.max(newestSource(FLOOR_DIR), fs.statSync(path.join("node_modules", "next", "package.json")).mtimeMs);
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > inputs) return;
  console.log("Building the framework floor (bench/floor)…");
  const built = spawnSync(process.execPath, [NEXT_BIN, "build", FLOOR_DIR], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (built.status !== 0) throw new Error("Building bench/floor failed");
}

/** Serves bench/floor on `port`, as the app's server runs: the same node flags and malloc settings. */
export async function startFloor(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, NEXT_BIN, "start", FLOOR_DIR, "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...SERVER_ENV, NEXT_TELEMETRY_DISABLED: "1" },
  });
  await waitForPort(port);
  return child;
}

/**
 * The floor's loads, asked as hard as the uncached article is (`connections`): the least a page
 * can be, a page of an article's size and shape (about 55 KB of HTML, 600 elements) rendered on
 * every request, and the same page cached as articles are, each address asked for once (its
 * first request renders and stores it, as an uncached article's does).
 */
export function floorPlans(s: LoadSettings & { floorSite: string; connections: number }): LoadPlan[] {
  const timed = (round: "warm-up" | number) => ({ connections: s.connections, duration: round === "warm-up" ? s.warmSeconds : s.seconds });
  const plan = (id: string, label: string, route: string): LoadPlan => ({
    id,
    label,
    kind: "floor",
    target: `bench/floor ${route}`,
    options: (round) => ({ url: `${s.floorSite}${route}`, ...timed(round) }),
  });
  let next = 0;
  return [
    plan("floor-minimal", "framework floor: a minimal page rendered on request", "/minimal"),
    plan("floor-article-size", "framework floor: an article-sized page rendered on request", "/article-size"),
    {
      id: "floor-article-size-cached",
      label: "framework floor: an article-sized page cached as articles are (each a first request)",
      kind: "floor",
      target: "bench/floor /cached/<n>, each n once",
      options: (round) => ({ url: s.floorSite, ...timed(round), requests: [{ setupRequest: (request) => ({ ...request, path: `/cached/${++next}` }) }] }),
    },
  ];
}
