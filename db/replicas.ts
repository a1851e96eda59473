import type postgres from "postgres";
import { withReplicas } from "drizzle-orm/pg-core";
import { databaseErrorCause } from "./errors";
import { noteWrite, replicaReadAllowed } from "./request-scope";

// Read replicas (DATABASE_REPLICA_URLS, README "Read replicas"): Drizzle's withReplicas sends
// selects to the database `choose` picks and every write, transaction and raw statement to the
// primary. The rules, in one place:
// - Only a reader's request for a public page or document reads from a replica, and only until
//   it writes (db/request-scope.ts); the newsroom, the API, sign-in, server actions, the sweeper
//   and scripts read the primary.
// - A replica is used only while the background probe (every REPLICA_PROBE_MS, never per query)
//   finds it reachable and caught up: it must have replayed everything the primary had written
//   at the probe before (so it is at most two probes behind). One that is down or behind is
//   skipped ("replica skipped" in the log) until a probe finds it caught up ("replica back").
// - A write waits, after it commits, until every replica in use has replayed it (at most
//   REPLAY_WAIT_MS; a replica still behind then is skipped). The invalidation that follows a
//   write therefore reaches no instance before the replicas have the change: a page re-rendered
//   after a publish, on any instance, never reads the state before it.
// - A read a replica fails because it went away is run again on the primary.

type Sql = postgres.Sql;
type Query = ReturnType<Sql["unsafe"]>;

/** How often each instance probes its replicas. */
export const REPLICA_PROBE_MS = 500;
/** How long a committed write waits for the replicas in use to replay it. */
export const REPLAY_WAIT_MS = 1000;
/** A probe that takes longer than this counts as the replica being out of reach. */
const PROBE_TIMEOUT_MS = 1000;
/** Between two looks at a replica's replay: from 1 ms (replay on a near replica takes a few), doubling up to 16. */
const REPLAY_POLL_FIRST_MS = 1;
const REPLAY_POLL_MAX_MS = 16;

export interface ReplicaChange {
  /** The replica's address without its password. */
  replica: string;
  state: "in use" | "skipped" | "back";
  /** Why a replica was skipped: out of reach, or behind the primary. */
  reason?: string;
}

interface Replica<D> {
  name: string;
  sql: Sql;
  db: D;
  state: "new" | "in use" | "skipped";
}

/** A replica URL for the log: no password. */
function replicaName(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}

function timed<T>(pending: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer in ${ms} ms`), { code: "PROBE_TIMEOUT" })), ms);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

const describe = (error: unknown) => databaseErrorCause(error)?.code ?? (error as Error).message;

/** The replicas of one primary: their health, the choice of one for a read, and the wait for replay. */
export class ReplicaSet<D> {
  private readonly replicas: Replica<D>[];
  /** The primary's WAL position at the previous probe, which a replica in use must have replayed. */
  private previousPrimaryLsn: string | null = null;
  private turn = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;

  constructor(
    private readonly primary: Sql,
    replicas: { url: string; sql: Sql; db: D }[],
    private readonly report: (change: ReplicaChange) => void,
  ) {
    this.replicas = replicas.map(({ url, sql, db }) => ({ name: replicaName(url), sql, db, state: "new" }));
  }

  /** Probes now and every REPLICA_PROBE_MS after. */
  start(): void {
    void this.probe();
    this.timer = setInterval(() => void this.probe(), REPLICA_PROBE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Each replica, by name, and whether it is in use now (the operators' metrics). */
  states(): { replica: string; inUse: boolean }[] {
    return this.replicas.map((replica) => ({ replica: replica.name, inUse: replica.state === "in use" }));
  }

  /** The replicas in use now, by name. */
  inUse(): string[] {
    return this.replicas.filter((replica) => replica.state === "in use").map((replica) => replica.name);
  }

  /** The database for a select: a replica in use, in turn, when the caller may read one; else `primary`. */
  choose(primary: D): D {
    if (!replicaReadAllowed()) return primary;
    const usable = this.replicas.filter((replica) => replica.state === "in use");
    if (usable.length === 0) return primary;
    this.turn = (this.turn + 1) % usable.length;
    return usable[this.turn]!.db;
  }

  /** One probe of every replica (one at a time: a probe still running is not started twice). */
  probe(): Promise<void> {
    this.probing ??= this.probeAll().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async probeAll(): Promise<void> {
    let current: string | null = null;
    try {
      const [row] = await timed(this.primary.unsafe<{ lsn: string }[]>("select pg_current_wal_lsn()::text as lsn"), PROBE_TIMEOUT_MS);
      current = row?.lsn ?? null;
    } catch {
      // The primary is away: replicas keep their state (public reads may go on from them).
      return;
    }
    const required = this.previousPrimaryLsn;
    this.previousPrimaryLsn = current;
    // The first probe only notes where the primary is: the replicas come into use at the second.
    if (required === null) return;
    await Promise.all(this.replicas.map((replica) => this.probeOne(replica, required)));
  }

  private async probeOne(replica: Replica<D>, required: string): Promise<void> {
    try {
      const [row] = await timed(
        replica.sql.unsafe<{ caughtUp: boolean; lagMs: number | null }[]>(
          `select not pg_is_in_recovery() or coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as "caughtUp",
                  (extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::int as "lagMs"`,
          [required],
        ),
        PROBE_TIMEOUT_MS,
      );
      if (row?.caughtUp) this.mark(replica, "in use");
      else this.mark(replica, "skipped", `behind the primary (last replayed transaction ${row?.lagMs ?? "?"} ms ago)`);
    } catch (error) {
      this.mark(replica, "skipped", `out of reach (${describe(error)})`);
    }
  }

  private mark(replica: Replica<D>, state: "in use" | "skipped", reason?: string): void {
    const before = replica.state;
    if (before === state) return;
    replica.state = state;
    if (state === "skipped") this.report({ replica: replica.name, state, reason });
    else this.report({ replica: replica.name, state: before === "skipped" ? "back" : "in use" });
  }

  /** The replica that failed a read by going away: skipped until a probe finds it back. */
  markAway(db: D, error: unknown): void {
    const replica = this.replicas.find((candidate) => candidate.db === db);
    if (replica) this.mark(replica, "skipped", `out of reach (${describe(error)})`);
  }

  /**
   * Waits until every replica in use has replayed what the primary has written so far; one that
   * has not within REPLAY_WAIT_MS, or fails, is skipped.
   */
  async waitForReplay(): Promise<void> {
    const replicas = this.replicas.filter((replica) => replica.state === "in use");
    if (replicas.length === 0) return;
    let lsn: string;
    try {
      const [row] = await this.primary.unsafe<{ lsn: string }[]>("select pg_current_wal_lsn()::text as lsn");
      if (!row) return;
      lsn = row.lsn;
    } catch {
      return;
    }
    const deadline = Date.now() + REPLAY_WAIT_MS;
    await Promise.all(
      replicas.map(async (replica) => {
        try {
          for (let pause = REPLAY_POLL_FIRST_MS; ; pause = Math.min(pause * 2, REPLAY_POLL_MAX_MS)) {
            const [row] = await timed(
              replica.sql.unsafe<{ replayed: boolean }[]>(`select not pg_is_in_recovery() or coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as replayed`, [lsn]),
              PROBE_TIMEOUT_MS,
            );
            if (row?.replayed) return;
            if (Date.now() >= deadline) {
              this.mark(replica, "skipped", `behind the primary (a write not replayed in ${REPLAY_WAIT_MS} ms)`);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, pause));
          }
        } catch (error) {
          this.mark(replica, "skipped", `out of reach (${describe(error)})`);
        }
      }),
    );
  }
}

/** Errors after which a replica's read is run again on the primary: the replica went away, or recovery cancelled the read. */
const FAIL_OVER_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006", "40001"]);

/**
 * A query that postgres-js sends later, as its own do: drizzle calls `.values()` right after
 * `unsafe`, and the query starts on the first `then`, a microtask later. `send` runs it.
 */
function deferredQuery(send: (values: boolean) => Promise<unknown>, cancel: () => void, onValues?: () => void): Query {
  let values = false;
  let started: Promise<unknown> | undefined;
  const start = () => (started ??= Promise.resolve().then(() => send(values)));
  const query = {
    values() {
      values = true;
      onValues?.();
      return query;
    },
    cancel,
    then(resolve?: (value: unknown) => unknown, reject?: (reason: unknown) => unknown) {
      return start().then(resolve, reject);
    },
    catch(reject: (reason: unknown) => unknown) {
      return start().catch(reject);
    },
    finally(done: () => void) {
      return start().finally(done);
    },
  };
  return query as unknown as Query;
}

/** A replica's client whose reads go to the primary instead when the replica has gone away (`away` is told). */
export function failingOver(replica: Sql, primary: Sql, away: (error: unknown) => void): Sql {
  return new Proxy(replica, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== "unsafe") return typeof value === "function" ? value.bind(target) : value;
      return (...args: Parameters<Sql["unsafe"]>) => {
        let running: Query | undefined;
        const send = async (client: Sql, values: boolean) => {
          running = client.unsafe(...args);
          return values ? running.values() : running;
        };
        return deferredQuery(
          (values) =>
            send(target, values).catch((error: unknown) => {
              if (!FAIL_OVER_CODES.has(databaseErrorCause(error)?.code ?? "")) throw error;
              away(error);
              return send(primary, values);
            }),
          () => void running?.cancel(),
        );
      };
    },
  });
}

/** Statements that change data; anything in a transaction counts too (see replayAware). */
const WRITE_STATEMENT = /^\s*(insert|update|delete|merge|truncate)\b|^\s*with\b[\s\S]*\b(insert|update|delete)\b/i;

/**
 * The primary's client: a write (a data-changing statement, or a transaction) is noted on the
 * request (its later reads go to the primary), and settles only once the replicas in use have
 * replayed it (ReplicaSet#waitForReplay).
 */
export function replayAware<D>(primary: Sql, replicas: ReplicaSet<D>): Sql {
  return new Proxy(primary, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property === "begin") {
        return async (...args: unknown[]) => {
          noteWrite();
          const result: unknown = await (value as (...all: unknown[]) => Promise<unknown>).apply(target, args);
          await replicas.waitForReplay();
          return result;
        };
      }
      if (property !== "unsafe") return typeof value === "function" ? value.bind(target) : value;
      return (...args: Parameters<Sql["unsafe"]>) => {
        const query = target.unsafe(...args);
        if (!WRITE_STATEMENT.test(args[0])) return query;
        noteWrite();
        // The statement is already on its way (postgres-js sends it a microtask after its first
        // `then`): `.values()` is passed on at once, and the wait follows its answer.
        return deferredQuery(
          async () => {
            const result: unknown = await query;
            await replicas.waitForReplay();
            return result;
          },
          () => void query.cancel(),
          () => void query.values(),
        );
      };
    },
  });
}

/** Where a replicated database keeps its choice, for selectingDb. */
const CHOOSE = Symbol.for("meridian.chooseReplica");

/** Drizzle's withReplicas over `primary` and `replicas`, each select going where `set` chooses. */
export function replicated<D extends Parameters<typeof withReplicas>[0]>(primary: D, replicas: D[], set: ReplicaSet<D>): D {
  const db = withReplicas(primary, replicas as [D, ...D[]], () => set.choose(primary));
  Object.defineProperty(db, CHOOSE, { value: () => set.choose(primary) });
  return db as unknown as D;
}

/**
 * The database a select built now on `db` runs on: with replicas, the one chosen for the caller
 * (a replica in use, or the primary); otherwise `db` itself. For a statement built once and kept
 * (a prepared query), which must be kept for each of them: built on the replicated database, it
 * would stay on whichever was chosen the first time.
 */
export function selectingDb<D extends object>(db: D): D {
  const choose = (db as D & { [CHOOSE]?: () => D })[CHOOSE];
  return choose ? choose() : db;
}
