import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

// A PostgreSQL server of the fault test's own (initdb into a temporary directory, its own port,
// as the `postgres` user since initdb refuses root), so stopping, crashing or restarting it
// disturbs nothing else on the machine.

export function pgBin(name: string): string {
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort().reverse() : [];
  for (const version of versions) {
    const file = `/usr/lib/postgresql/${version}/bin/${name}`;
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${name} was not found under /usr/lib/postgresql (apt-get install postgresql)`);
}

/**
 * Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). Never
 * synchronously: the load goes on while the server stops and starts.
 */
export function asPostgres(command: string, args: string[]): Promise<void> {
  const [file, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(command)} failed: ${stderr || stdout || error.message}`));
      else resolve();
    });
  });
}

export type StopMode = "fast" | "immediate";

export class PostgresServer {
  readonly dir: string;
  readonly dataDir: string;
  private readonly options: string;

  /** `settings`: more server settings, as `-c name=value` words (scripts/lib/postgres-replica.ts). */
  constructor(
    readonly port: number,
    settings: string[] = [],
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-faults-pg-"));
    this.dataDir = path.join(this.dir, "data");
    const socketDir = path.join(this.dir, "socket");
    fs.mkdirSync(socketDir);
    if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres", this.dir]);
    this.options = [`-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`, ...settings].join(" ");
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** initdb, start, and an empty database `name`. */
  async create(name: string): Promise<void> {
    await asPostgres(pgBin("initdb"), ["-D", this.dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    await this.start();
    const admin = postgres(this.url("postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
  }

  /** Returns once the server accepts connections (pg_ctl -w). */
  start(): Promise<void> {
    return asPostgres(pgBin("pg_ctl"), ["-D", this.dataDir, "-o", this.options, "-l", path.join(this.dir, "pg.log"), "-w", "start"]);
  }

  stop(mode: StopMode): Promise<void> {
    return asPostgres(pgBin("pg_ctl"), ["-D", this.dataDir, "-m", mode, "-w", "stop"]);
  }

  restart(mode: StopMode): Promise<void> {
    return asPostgres(pgBin("pg_ctl"), ["-D", this.dataDir, "-o", this.options, "-l", path.join(this.dir, "pg.log"), "-m", mode, "-w", "restart"]);
  }

  /** Ends every session of `database` but the caller's; how many it ended. */
  async terminateSessions(database: string): Promise<number> {
    const admin = postgres(this.url("postgres"), { max: 1, onnotice: () => {} });
    try {
      const rows = await admin`select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
      return rows.filter((row) => row.ended).length;
    } finally {
      await admin.end();
    }
  }

  /** Stops the server if it runs and deletes its directory. */
  async destroy(): Promise<void> {
    await this.stop("immediate").catch(() => {
      // Already stopped.
    });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
