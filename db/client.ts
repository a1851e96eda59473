import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { failingOver, replayAware, replicated, ReplicaSet, type ReplicaChange } from "./replicas";
import { checkWriteDeadline, inRequestScope, noteDatabaseError, STATEMENT_WAIT_MS } from "./request-scope";
import * as schema from "./schema";

// One database client per process (DESIGN.md, "Data"): embedded PGlite in DATA_DIR by default,
// postgres-js against a PostgreSQL server when DATABASE_URL is set. Nothing opens until first use,
// so `next build` never touches the database. db/ is the ground floor: its caller passes the
// configuration in (lib/db.ts reads it from the environment), so nothing here imports lib/.

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * How much of the database this process is using now, for the operator's metrics: statements and
 * transactions sent and not yet answered (on PGlite, which runs one at a time, the rest wait in
 * its queue), and on a server the most connections postgres-js opens.
 */
export interface DatabaseUse {
  driver: "pglite" | "postgres";
  inFlight: number;
  poolMax?: number;
  /** With read replicas: each one's address (no password) and whether it is in use now. */
  replicas?: () => { replica: string; inUse: boolean }[];
}

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  use: DatabaseUse;
  /** Runs raw SQL text (several statements allowed); used by migrations and tests. */
  exec(sqlText: string): Promise<void>;
  /**
   * On a server: `run` with a database on one connection of its own, for what must happen in one
   * session (a session's advisory lock and its release: db/migrate.ts).
   */
  onOneConnection?<T>(run: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dir} is in use by another process (pid ${pid}). ` +
        "Stop it, or point DATA_DIR at another directory: two processes on one embedded database lose writes.",
    );
    this.name = "DataDirLockedError";
  }
}

const drizzleOptions = { schema, casing: "snake_case" } as const;

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const lockFile = (dataDir: string) => path.join(dataDir, "pglite.lock");

/** The live process holding DATA_DIR/pglite.lock, or null when none does (no lock, or its holder died). */
export function dataDirHolder(dataDir: string): number | null {
  let holder: number;
  try {
    holder = Number.parseInt(fs.readFileSync(lockFile(dataDir), "utf8"), 10);
  } catch {
    return null;
  }
  return Number.isInteger(holder) && holder > 0 && isProcessAlive(holder) ? holder : null;
}

/**
 * Takes DATA_DIR/pglite.lock for this process, or throws DataDirLockedError naming the directory
 * and the holder. A lock left by a process that has died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (holder === process.pid) return () => {};
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

/**
 * PostgreSQL's default 128 MB of shared buffers is touched when PGlite starts and stays resident
 * in the server (~105 MB more than 16 MB, measured by `npm run measure:memory`; 8 MB keep ~8 MB
 * less, at no measurable cost per page). The data files are read through the operating system,
 * whose file cache keeps them warm outside the process.
 */
const pgliteOptions = { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=8MB"] };

/** Extensions PGlite loads: pg_trgm for the search's spelling suggestions (db/migrations/0018_search_words.sql). */
const pgliteExtensions = { pg_trgm };

interface PlannedStatement {
  name: string;
  prepared?: Promise<unknown>;
  /** PREPAREs that failed: after MAX_PREPARE_FAILURES the statement is only ever run as sent. */
  failures: number;
}

interface PlannedStatements {
  /** By statement text. */
  byText: Map<string, PlannedStatement>;
  /** How often each statement not (yet) planned has run, until one reaches AUTO_PLAN_AFTER. */
  seen: Map<string, number>;
}

/**
 * The statements a PGlite database keeps planned, by their text, held on its Drizzle object under
 * a registered symbol: the server opens the database with its own copy of this module and Next's
 * bundle registers statements with another, so a module-level map would not be shared.
 */
const PLANNED = Symbol.for("meridian.plannedStatements");
const plannedOf = (db: Db) => (db as Db & { [PLANNED]?: PlannedStatements })[PLANNED];

type Param = string | number | boolean | null | undefined;

/** A parameter as an SQL literal, typed by the statement as a bound text parameter would be. */
function literal(value: Param): string {
  return value === null || value === undefined ? "null" : `'${String(value).replaceAll("'", "''")}'`;
}

const isSimple = (params: unknown[] | undefined) =>
  (params ?? []).every((value) => value === null || value === undefined || ["string", "number", "boolean"].includes(typeof value));

/** A statement sent this many times is planned for good: once is a one-off (a script, a migration). */
const AUTO_PLAN_AFTER = 3;
/**
 * The most statements one database keeps planned. Each plan stays in PGlite's memory (the
 * newsroom's took ~22 KB each, so at most ~4.5 MB); the pages send a few dozen statements often
 * and many more rarely (texts that differ only by the length of an id list are different statements).
 */
const AUTO_PLAN_MAX = 200;
/** Forgotten when it grows past this: counting every text ever sent would grow without end. */
const SEEN_MAX = 1_000;
const MAX_PREPARE_FAILURES = 2;
/** What PREPARE accepts: one query or data-changing statement (not DDL, SET, BEGIN, ANALYZE…). */
const PREPARABLE = /^\s*(select|with|insert|update|delete|values)\b/i;

function statementToRun(planned: PlannedStatements, text: string): PlannedStatement | undefined {
  const statement = planned.byText.get(text);
  if (statement || !PREPARABLE.test(text) || planned.byText.size >= AUTO_PLAN_MAX) return statement;
  const runs = (planned.seen.get(text) ?? 0) + 1;
  if (runs < AUTO_PLAN_AFTER) {
    if (planned.seen.size >= SEEN_MAX) planned.seen.clear();
    planned.seen.set(text, runs);
    return undefined;
  }
  planned.seen.delete(text);
  return addStatement(planned, text);
}

function addStatement(planned: PlannedStatements, text: string): PlannedStatement {
  const statement = { name: `planned_${planned.byText.size + 1}`, failures: 0 };
  planned.byText.set(text, statement);
  return statement;
}

/**
 * PGlite plans a statement again every time it runs (drizzle's prepared queries are not named
 * there): the article's one statement of ten subqueries took longer to plan than to run, and
 * planning was half the database's CPU time of the newsroom's story list. So, as postgres-js does
 * on a server, statements are prepared once per database (PREPARE) and run with EXECUTE: those
 * registered with keepPlanned from their first run, every other one from its AUTO_PLAN_AFTER-th.
 * PostgreSQL's plan cache picks a custom or a generic plan for each run as it does on a server.
 * Parameters are passed as quoted literals, which PostgreSQL reads with each parameter's type as
 * it reads bound text values; a statement with other parameters (dates, arrays) is sent as it is,
 * and so is one PostgreSQL will not prepare (it then answers, or fails, as it would have).
 */
function withPlannedStatements(client: PGlite, planned: PlannedStatements): PGlite {
  const query = client.query.bind(client);
  client.query = (async (text: string, params?: Param[], options?: Parameters<PGlite["query"]>[2]) => {
    const statement = isSimple(params) ? statementToRun(planned, text) : undefined;
    if (!statement || statement.failures >= MAX_PREPARE_FAILURES) return query(text, params, options);
    statement.prepared ??= query(`prepare ${statement.name} as ${text}`).catch((error: unknown) => {
      statement.prepared = undefined;
      statement.failures++;
      throw error;
    });
    try {
      await statement.prepared;
    } catch {
      return query(text, params, options);
    }
    const args = (params ?? []).map(literal).join(", ");
    // EXECUTE takes no parentheses when the statement has no parameters.
    return query(`execute ${statement.name}${args ? `(${args})` : ""}`, [], options);
  }) as PGlite["query"];
  return client;
}

/**
 * Keeps the plan of `text` (a drizzle query's SQL, with $1… parameters) on a PGlite database from
 * its first run, not its AUTO_PLAN_AFTER-th: see withPlannedStatements. Nothing to do on
 * PostgreSQL, where postgres-js prepares every statement.
 */
export function keepPlanned(db: Db, text: string): void {
  const planned = plannedOf(db);
  if (planned && !planned.byText.has(text)) addStatement(planned, text);
}

/** `run`, counted in `use.inFlight` from its call until it settles. */
function counted<A extends unknown[], R>(use: DatabaseUse, run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    use.inFlight++;
    try {
      return await run(...args);
    } finally {
      use.inFlight--;
    }
  };
}

/** Counts the statements and transactions sent to a PGlite database (the outermost call of each). */
function withUseCounted(client: PGlite, use: DatabaseUse): PGlite {
  client.query = counted(use, client.query.bind(client)) as PGlite["query"];
  client.exec = counted(use, client.exec.bind(client)) as PGlite["exec"];
  client.transaction = counted(use, client.transaction.bind(client)) as PGlite["transaction"];
  return client;
}

/** Counts the statements and transactions postgres-js is sent (a statement runs when first awaited). */
function withPostgresUseCounted(client: postgres.Sql, use: DatabaseUse): postgres.Sql {
  const unsafe = client.unsafe.bind(client);
  const settled = () => {
    use.inFlight--;
  };
  client.unsafe = ((...args: Parameters<typeof unsafe>) => {
    const query = unsafe(...args);
    use.inFlight++;
    // Its own chain, which never rejects: the caller still sees the query's own outcome.
    query.then(settled, settled);
    return query;
  }) as typeof client.unsafe;
  client.begin = counted(use, client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>) as typeof client.begin;
  return client;
}

/**
 * Opens PGlite in `dataDir`, or in memory. An in-memory database may start from `loadDataDir`, a
 * data directory dumped by PGlite (db/test-template.ts: tests start from a migrated copy, not initdb).
 * `withoutTrigrams`: without pg_trgm, as a PostgreSQL server that lacks it (the tests of the search
 * without suggestions).
 */
export function openPglite(dataDir: string | "memory", { loadDataDir, withoutTrigrams = false }: { loadDataDir?: Blob; withoutTrigrams?: boolean } = {}): DbHandle {
  const release = dataDir === "memory" ? () => {} : lockDataDir(dataDir);
  const planned: PlannedStatements = { byText: new Map(), seen: new Map() };
  const options = { ...pgliteOptions, extensions: withoutTrigrams ? {} : pgliteExtensions };
  const use: DatabaseUse = { driver: "pglite", inFlight: 0 };
  const opened = dataDir === "memory" ? new PGlite({ ...options, loadDataDir }) : new PGlite(pgliteDir(dataDir), options);
  const client = withUseCounted(withPlannedStatements(opened, planned), use);
  const db = drizzlePglite({ client, ...drizzleOptions }) as unknown as Db;
  Object.defineProperty(db, PLANNED, { value: planned });
  return {
    db,
    driver: "pglite",
    use,
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

type Sql = ReturnType<typeof postgres>;

/** Tells the current request (db/request-scope.ts) when `pending` fails because the database is away; answers `pending`. */
function observed<T extends PromiseLike<unknown>>(pending: T): T {
  // postgres-js sends a query on its first `then`, a microtask later: `.values()`, which drizzle
  // calls right after, still applies.
  pending.then(undefined, noteDatabaseError);
  return pending;
}

/**
 * The client as drizzle uses it (`unsafe` for every statement, `begin` and `savepoint` for
 * transactions), with each statement checked against the request's write deadline before it is
 * sent, cancelled if it has not settled within STATEMENT_WAIT_MS, and its failure recorded on the
 * request. A statement refused by the deadline inside a
 * transaction rolls the whole transaction back.
 */
export function scopedStatements(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property === "unsafe") {
        return (...args: Parameters<Sql["unsafe"]>) => {
          checkWriteDeadline();
          const query = target.unsafe(...args);
          // Cancelled (57014: an answer of 503) if a request's statement has not settled in time.
          if (inRequestScope() && typeof query.cancel === "function") {
            const timer = setTimeout(() => query.cancel(), STATEMENT_WAIT_MS);
            query.then(
              () => clearTimeout(timer),
              () => clearTimeout(timer),
            );
          }
          return observed(query);
        };
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          checkWriteDeadline();
          const run = args.pop() as (tx: Sql) => unknown;
          return observed((value as (...all: unknown[]) => Promise<unknown>).call(target, ...args, (tx: Sql) => run(scopedStatements(tx))));
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Seconds before a connection tries again after `retries` failed attempts in a row. postgres-js
 * waits up to 20 s by default (3^retries / 100), so after a database was away for half a minute
 * service came back 12 s after it did (scripts/fault-test.ts); this waits at most one second.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

/** A postgres-js client as the application opens them, its statements counted in `use`. */
/** A database on one connection of its own to `url`, for `run`, closed after. */
async function onOneConnection<T>(url: string, run: (db: Db) => Promise<T>): Promise<T> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    return await run(drizzlePostgres({ client, ...drizzleOptions }) as unknown as Db);
  } finally {
    await client.end({ timeout: 5 });
  }
}

function postgresClient(url: string, max: number, use: DatabaseUse): Sql {
  return withPostgresUseCounted(
    postgres(url, {
      max,
      connect_timeout: 5,
      idle_timeout: 30,
      backoff: reconnectDelaySeconds,
      onnotice: () => {},
    }),
    use,
  );
}

export function openPostgres(url: string, options: { max?: number } = {}): DbHandle {
  const max = options.max ?? 10;
  const use: DatabaseUse = { driver: "postgres", inFlight: 0, poolMax: max };
  const client = postgresClient(url, max, use);
  return {
    db: drizzlePostgres({ client: scopedStatements(client), ...drizzleOptions }) as unknown as Db,
    driver: "postgres",
    use,
    exec: async (sqlText) => {
      await client.unsafe(sqlText);
    },
    onOneConnection: (run) => onOneConnection(url, run),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The primary at `url` with read replicas at `replicaUrls` (db/replicas.ts has the rules): the
 * replicas are probed in the background from the start, and `report` hears each one skipped or back.
 */
export function openReplicated(url: string, replicaUrls: string[], report: (change: ReplicaChange) => void, options: { max?: number } = {}): DbHandle & { replicas: ReplicaSet<Db> } {
  const max = options.max ?? 10;
  const use: DatabaseUse = { driver: "postgres", inFlight: 0, poolMax: max };
  const primary = postgresClient(url, max, use);
  const replicaClients = replicaUrls.map((replicaUrl) => {
    const sql = postgresClient(replicaUrl, max, use);
    const client = failingOver(sql, primary, (error) => set.markAway(db, error));
    const db = drizzlePostgres({ client: scopedStatements(client), ...drizzleOptions }) as unknown as Db;
    return { url: replicaUrl, sql, db };
  });
  const set = new ReplicaSet(primary, replicaClients, report);
  use.replicas = () => set.states();
  const primaryDb = drizzlePostgres({ client: scopedStatements(replayAware(primary, set)), ...drizzleOptions }) as unknown as Db;
  set.start();
  return {
    db: replicated(primaryDb, replicaClients.map((replica) => replica.db), set),
    driver: "postgres",
    use,
    replicas: set,
    exec: async (sqlText) => {
      await primary.unsafe(sqlText);
    },
    onOneConnection: (run) => onOneConnection(url, run),
    close: async () => {
      set.stop();
      await Promise.all([primary, ...replicaClients.map((replica) => replica.sql)].map((client) => client.end({ timeout: 5 })));
    },
  };
}

/**
 * Where the database is: a PostgreSQL server when `databaseUrl` is set (with read replicas at
 * `databaseReplicaUrls`, if any), else PGlite in `dataDir`.
 */
export interface DatabaseConfig {
  databaseUrl: string | undefined;
  databaseReplicaUrls?: string[];
  dataDir: string;
}

export function openDatabase({ databaseUrl, databaseReplicaUrls = [], dataDir }: DatabaseConfig, reportReplica: (change: ReplicaChange) => void = () => {}): DbHandle {
  if (!databaseUrl) return openPglite(dataDir);
  return databaseReplicaUrls.length ? openReplicated(databaseUrl, databaseReplicaUrls, reportReplica) : openPostgres(databaseUrl);
}

const globalForDb = globalThis as unknown as { meridianDb?: DbHandle };

/** The process-wide handle; `open` makes it on first use. */
export function processDatabase(open: () => DbHandle): DbHandle {
  globalForDb.meridianDb ??= open();
  return globalForDb.meridianDb;
}

/** Makes `handle` the process-wide database (scripts that opened it themselves, and tests). */
export function setProcessDatabase(handle: DbHandle): void {
  globalForDb.meridianDb = handle;
}

/** The process-wide database's use now, if one is open. */
export function databaseUse(): DatabaseUse | undefined {
  return globalForDb.meridianDb?.use;
}

/** Closes the process-wide handle if one is open. */
export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.meridianDb;
  globalForDb.meridianDb = undefined;
  await handle?.close();
}
