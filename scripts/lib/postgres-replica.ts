import postgres from "postgres";
import { asPostgres, pgBin, PostgresServer, type StopMode } from "./faults/postgres-server";

// A PostgreSQL primary and a streaming replica of it, each a server of our own (initdb into a
// temporary directory, as the fault tests' server: scripts/lib/faults/postgres-server.ts), on two
// loopback ports: the replica is a pg_basebackup of the primary that streams its WAL from then
// on. For the replica tests (db/replicas.replica.test.ts) and the cluster test. Usage:
//
//   const pair = await startReplicatedPostgres({ primaryPort: 55450, replicaPort: 55451, database: "meridian" });
//   pair.primaryUrl / pair.replicaUrl          connection URLs of the database on each
//   await pair.stopReplica() / startReplica()  the replica down (connections refused) and back
//   await pair.pauseReplay() / resumeReplay()  the replica up but falling behind, and catching up
//   await pair.stop()                          both servers stopped and their directories deleted

export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  stopReplica(mode?: StopMode): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops replaying WAL on the replica (pg_wal_replay_pause): it still answers, ever more behind. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function once<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the primary with an empty `database`, then the replica streaming from it; both answer when this resolves. */
export async function startReplicatedPostgres({ primaryPort, replicaPort, database }: { primaryPort: number; replicaPort: number; database: string }): Promise<ReplicatedPostgres> {
  // Replication is on by default (wal_level=replica, max_wal_senders=10, hot_standby=on); initdb
  // -A trust lets loopback replication connections in. Feedback keeps the primary from removing
  // rows a replica's query still reads (no "conflict with recovery" cancellations).
  const primary = new PostgresServer(primaryPort, ["-c", "wal_level=replica"]);
  const replica = new PostgresServer(replicaPort, ["-c", "hot_standby_feedback=on"]);
  try {
    await primary.create(database);
    await asPostgres(pgBin("pg_basebackup"), ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replica.dataDir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"]);
    await replica.start();
  } catch (error) {
    await Promise.all([replica.destroy(), primary.destroy()]);
    throw error;
  }
  const primaryUrl = primary.url(database);
  const replicaUrl = replica.url(database);

  const pair: ReplicatedPostgres = {
    primaryUrl,
    replicaUrl,
    stopReplica: (mode = "fast") => replica.stop(mode),
    startReplica: () => replica.start(),
    pauseReplay: () => once(replicaUrl, (sql) => sql`select pg_wal_replay_pause()`).then(() => {}),
    resumeReplay: () => once(replicaUrl, (sql) => sql`select pg_wal_replay_resume()`).then(() => {}),
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await once(primaryUrl, (sql) => sql<[{ lsn: string }]>`select pg_current_wal_lsn()::text as lsn`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const replayed = await once(replicaUrl, (sql) => sql<[{ done: boolean }]>`select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as done`)
          .then(([row]) => row.done)
          .catch(() => false);
        if (replayed) return;
        if (Date.now() > deadline) throw new Error(`The replica on port ${replicaPort} did not replay ${lsn} in ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    async stop() {
      await Promise.all([replica.destroy(), primary.destroy()]);
    },
  };
  await pair.caughtUp();
  return pair;
}
