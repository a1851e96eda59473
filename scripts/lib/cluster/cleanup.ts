// Everything the cluster test starts is registered here as it starts, and undone in reverse
// order however the run ends: at the end of main(), on an error, uncaught or not, on Ctrl-C
// (SIGINT), SIGTERM or SIGHUP (the undoing is awaited, then the process exits 130). At a plain
// process.exit() with something still registered, each child process is killed at once ('exit'
// handlers cannot wait). Nothing outlives the run: the PostgreSQL servers daemonized by pg_ctl,
// the app instances, Redis, s3rver, temporary directories.

interface Undo {
  name: string;
  /** The orderly way, awaited. */
  run: () => Promise<void>;
  /** The way that cannot wait, for an exiting process. */
  now: () => void;
}

export class Cleanup {
  private undos: Undo[] = [];
  private running: Promise<void> | undefined;

  /** Makes every way this process can end undo what was registered (main() calls it once). */
  guardProcess(): this {
    // Every signal is handled, not only the first: Ctrl-C reaches this process twice (from the
    // terminal, and relayed by tsx), and a second one unhandled would end it mid-cleanup.
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(signal, () => {
        if (!this.running) console.error(`\n${signal}: stopping everything the cluster test started`);
        void this.all().finally(() => process.exit(130));
      });
    }
    // A failure nothing caught is undone the orderly way too (the PostgreSQL servers need it).
    for (const event of ["uncaughtException", "unhandledRejection"] as const) {
      process.on(event, (error) => {
        console.error(`The cluster test failed: ${(error as Error)?.message ?? String(error)}`);
        void this.all().finally(() => process.exit(1));
      });
    }
    process.once("exit", () => this.allNow());
    return this;
  }

  /** Whether the undoing has begun (after a signal): the run should start nothing more. */
  get stopping(): boolean {
    return this.running !== undefined;
  }

  /** Registers how to undo what was just started; `now` defaults to `run` not awaited. */
  add(name: string, run: () => Promise<void>, now?: () => void): void {
    this.undos.push({ name, run, now: now ?? (() => void run().catch(() => {})) });
  }

  /** Undoes everything, newest first; one failing does not stop the others. */
  all(): Promise<void> {
    this.running ??= (async () => {
      while (this.undos.length) {
        const undo = this.undos.pop()!;
        try {
          await undo.run();
        } catch (error) {
          console.error(`Stopping ${undo.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  private allNow(): void {
    while (this.undos.length) {
      try {
        this.undos.pop()!.now();
      } catch {
        // Exiting anyway: the rest still gets its turn.
      }
    }
  }
}
