// @ts-check
// Starting and finding the production server. Plain JavaScript, so `npm start`'s supervisor
// (scripts/start.mjs) runs on bare node, without tsx; the TypeScript scripts import it too.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

/**
 * The server (scripts/serve.ts and what it imports outside Next's build) compiled by the build
 * step (scripts/lib/build.ts), so it runs on plain node rather than through tsx's hooks.
 */
export const SERVER_BUNDLE = ".next/meridian/serve.mjs";

/**
 * Node's flags for the server. Without a cap V8 lets garbage pile up to gigabytes before it
 * collects: after 1,000 pages of a 100,000-story site the heap held 330 MB for ~60 MB of live
 * objects. 160 MB holds the live set and the default page cache (PAGE_CACHE_MAX_MB); raise it with
 * a larger page cache. (112 MB ran the end-to-end suite's server out of heap at ~103 MB live after
 * four minutes of tests; 128 MB did too, at ~116 MB live after nine minutes, on 7 December 2026:
 * what holds that much live is not yet known.) The
 * young generation's default 16 MB semi-spaces stay resident (32 MB) for no measurable speed:
 * 4 MB ones cost no more CPU per page. One V8 worker thread instead of four: at the start they
 * compile PGlite's WebAssembly side by side, and the ~40 MB of compiler memory they free stays in
 * malloc's arenas (see SERVER_ENV for the rest of it).
 * `npm start` (package.json) passes the same flags.
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=4", "--v8-pool-size=1"];

/**
 * glibc malloc's settings for the server, read when a process starts, so given in its
 * environment (package.json's `start` sets the same). By default each thread that allocates
 * (V8's compilers and collector, libuv's pool) gets an arena of its own, which keeps what it
 * freed: ~50 MB resident across four arenas after 1,500 pages, against ~25 MB with two.
 * Blocks of 32 KB or more are mapped on their own and given back when freed, and free memory at
 * the top of a heap is returned from 64 KB: without these, the memory V8's compiler frees after
 * compiling PGlite's WebAssembly (~25 MB) and the large Buffers of past requests stayed resident
 * (`npm run measure:memory`: malloc's heap 41 → 12 MB once started, 55 → 20 MB after 69 pages;
 * no difference in CPU per request measurable in the bench).
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "32768", MALLOC_TRIM_THRESHOLD_: "65536" };

/**
 * Starts the compiled production server as a child process and stops it with this process. It
 * is started directly with node, never through npx, so no stray server outlives it.
 * @param {{ port: number; env?: Record<string, string>; quiet?: boolean }} options
 * @returns {import("node:child_process").ChildProcess}
 */
export function startAppServer(options) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(process.cwd(), SERVER_BUNDLE)], {
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    // MERIDIAN_SUPERVISED: the parent announces the address itself.
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...SERVER_ENV, ...options.env, PORT: String(options.port), MERIDIAN_SUPERVISED: "1" },
  });
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("exit", stop);
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return child;
}

/**
 * Resolves once something accepts connections on the port, or rejects after `timeoutMs`.
 * @param {number} port
 * @returns {Promise<void>}
 */
export async function waitForPort(port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Nothing answered on port ${port} within ${timeoutMs / 1000} s`);
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export async function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
