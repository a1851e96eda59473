import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/**
 * Starts the production server (scripts/serve.ts) as a child process and stops it with this
 * process. It is started directly with node, never through npx, so no stray server outlives it.
 */
export function startAppServer(options: { port: number; env?: Record<string, string>; quiet?: boolean }): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts/serve.ts")], {
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    // MERIDIAN_SUPERVISED: the parent announces the address itself.
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...options.env, PORT: String(options.port), MERIDIAN_SUPERVISED: "1" },
  });
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return child;
}

/** Resolves once something accepts connections on the port, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
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

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
