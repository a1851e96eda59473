import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { waitForPort } from "../server.mjs";

// The cluster test's own Redis and S3-compatible server, each a child process on its own port
// with its output in a log file: Redis is stopped and started again in the middle of the run
// (check 7), which a shared server could not be.

/** A server in a child process: started, waited for on its port, stopped by signal. */
export class ChildServer {
  private child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly command: string,
    private readonly args: string[],
    private readonly logFile: string,
  ) {}

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const log = fs.openSync(this.logFile, "a");
    const child = spawn(this.command, this.args, { stdio: ["ignore", log, log] });
    fs.closeSync(log);
    this.child = child;
    const exited = new Promise<never>((_, reject) => {
      child.once("exit", (code) => reject(new Error(`${this.name} exited (${code}) before it listened: see ${this.logFile}`)));
      // Not installed: `redis-server` comes with the distribution's redis package.
      child.once("error", (error) => reject(new Error(`${this.name} did not start (${this.command}): ${error.message}`)));
    });
    exited.catch(() => {});
    await Promise.race([waitForPort(this.port, 30_000), exited]);
  }

  /** SIGTERM, and resolves once the process has gone. */
  stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }

  /** For an exiting process. */
  killNow(): void {
    if (this.alive) this.child!.kill("SIGKILL");
  }
}

/** redis-server on `port`, keeping nothing on disk: stopped, it starts again empty, as a cache may. */
export function redisServer(port: number, dir: string): ChildServer {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  return new ChildServer("Redis", port, "redis-server", args, path.join(dir, "redis.log"));
}

/** s3rver (the npm package, an S3 API over a directory) on `port`, with `bucket` made at its start. */
export function s3Server(port: number, dir: string, bucket: string): ChildServer {
  const bin = path.join(process.cwd(), "node_modules", "s3rver", "bin", "s3rver.js");
  const args = [bin, "--directory", dir, "--address", "127.0.0.1", "--port", String(port), "--silent", "--configure-bucket", bucket];
  return new ChildServer("s3rver", port, process.execPath, args, path.join(dir, "..", "s3rver.log"));
}

/** The objects in a bucket of s3rver's directory (its file store keeps each object's bytes in a `*._S3rver_object` file). */
export function bucketObjects(dir: string, bucket: string): string[] {
  const root = path.join(dir, bucket);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith("._S3rver_object")).map((file) => file.slice(0, -"._S3rver_object".length));
}
