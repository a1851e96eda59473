import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_FLAGS, waitForPort } from "../server.mjs";

// One application instance of the cluster test: the built server (SERVER_BUNDLE, as `npm start`
// runs it) on its own port and data directory, its JSON log in a file the checks read (the
// warnings an instance gives when Redis or a replica goes away).

export class AppInstance {
  private child: ChildProcess | undefined;
  readonly site: string;
  readonly logFile: string;

  constructor(
    /** A, B or C: its INSTANCE_ID too. */
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    dir: string,
  ) {
    this.site = `http://127.0.0.1:${port}`;
    this.logFile = path.join(dir, `instance-${name.toLowerCase()}.log`);
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const log = fs.openSync(this.logFile, "a");
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(process.cwd(), SERVER_BUNDLE)], {
      stdio: ["ignore", log, log],
      env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...SERVER_ENV, ...this.env, INSTANCE_ID: this.name, PORT: String(this.port), MERIDIAN_SUPERVISED: "1", LOG_FORMAT: "json" },
    });
    fs.closeSync(log);
    this.child = child;
    const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`Instance ${this.name} exited (${code}) before it answered: see ${this.logFile}`))));
    exited.catch(() => {});
    await Promise.race([waitForPort(this.port, 120_000), exited]);
  }

  /** Its log so far, from byte `from` (the length of an earlier read: what came since). */
  log(from = 0): string {
    return fs.readFileSync(this.logFile, "utf8").slice(from);
  }

  /** SIGKILL: gone at once, mid-whatever, as a machine that dies. */
  kill9(): Promise<void> {
    return this.signal("SIGKILL");
  }

  /** SIGTERM: the server drains and exits. */
  stop(): Promise<void> {
    return this.signal("SIGTERM");
  }

  killNow(): void {
    if (this.alive) this.child!.kill("SIGKILL");
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  }
}
