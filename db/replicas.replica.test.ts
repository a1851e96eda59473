import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplicatedPostgres, type ReplicatedPostgres } from "@/scripts/lib/postgres-replica";
import { openPostgres, openReplicated, type Db, type DbHandle } from "./client";
import { runMigrations } from "./migrate";
import { selectingDb, type ReplicaChange, type ReplicaSet } from "./replicas";
import { runInRequestScope, type RequestScope } from "./request-scope";
import { settings } from "./schema";

// Read replicas (db/replicas.ts) against a real streaming replica: a primary and a replica of our
// own (scripts/lib/postgres-replica.ts, ports 55450 and 55451), not the TEST_DATABASE_URL server,
// so this file runs once (it is not a *.db.test.ts) and needs PostgreSQL's programs, as the fault
// tests do. The replicas' background probe is stopped: each test probes when it means to.

const PRIMARY_PORT = 55450;
const REPLICA_PORT = 55451;

let pair: ReplicatedPostgres;
let handle: DbHandle & { replicas: ReplicaSet<Db> };
let db: Db;
let changes: ReplicaChange[];

/** A reader's request for a public page. */
const readerScope = (): RequestScope => ({ databaseUnavailable: false, replicaReads: true });

/** The port of the server that answered a select made through the application's database. */
async function answeredBy(scope?: RequestScope): Promise<number> {
  const read = async () => db.select({ port: sql<number>`inet_server_port()` }).from(sql`(select 1) one`);
  const [row] = scope ? await runInRequestScope(scope, read) : await read();
  return row!.port;
}

/** Two probes: a replica in use must have replayed what the primary had at the probe before. */
async function probeTwice(): Promise<void> {
  await handle.replicas.probe();
  await handle.replicas.probe();
}

beforeAll(async () => {
  pair = await startReplicatedPostgres({ primaryPort: PRIMARY_PORT, replicaPort: REPLICA_PORT, database: "meridian" });
  const migrating = openPostgres(pair.primaryUrl, { max: 1 });
  await runMigrations(migrating);
  await migrating.close();
  changes = [];
  handle = openReplicated(pair.primaryUrl, [pair.replicaUrl], (change) => changes.push(change), { max: 2 });
  handle.replicas.stop();
  db = handle.db;
  await pair.caughtUp();
  await probeTwice();
}, 180_000);

afterAll(async () => {
  await handle?.close();
  await pair?.stop();
});

describe("read replicas", () => {
  it("sends a reader's public reads to the replica, and everything else to the primary", async () => {
    expect(handle.replicas.inUse()).toHaveLength(1);
    expect(handle.use.replicas?.()).toEqual([{ replica: `postgres://postgres@127.0.0.1:${REPLICA_PORT}/meridian`, inUse: true }]);
    expect(changes).toContainEqual(expect.objectContaining({ state: "in use" }));
    expect(await answeredBy(readerScope())).toBe(REPLICA_PORT);
    // The sweeper and scripts (no request), and the newsroom (a request not marked for replicas).
    expect(await answeredBy()).toBe(PRIMARY_PORT);
    expect(await answeredBy({ databaseUnavailable: false })).toBe(PRIMARY_PORT);
  });

  it("keeps a statement built once (a prepared query) for each database it may run on", async () => {
    const kept = new Map<Db, ReturnType<typeof portQuery>>();
    const portQuery = (target: Db) => target.select({ port: sql<number>`inet_server_port()` }).from(sql`(select 1) one`).prepare("server_port");
    const port = async () => {
      const target = selectingDb(db);
      let query = kept.get(target);
      if (!query) kept.set(target, (query = portQuery(target)));
      const [row] = await query.execute();
      return row!.port;
    };
    expect(await port()).toBe(PRIMARY_PORT);
    expect(await runInRequestScope(readerScope(), port)).toBe(REPLICA_PORT);
    expect(await port()).toBe(PRIMARY_PORT);
    expect(kept.size).toBe(2);
  });

  it("reads the primary for the rest of a request once it wrote", async () => {
    const scope = readerScope();
    await runInRequestScope(scope, async () => {
      await db.insert(settings).values({ key: "replica-test-write", value: { n: 1 } });
    });
    expect(scope.wrote).toBe(true);
    expect(await answeredBy(scope)).toBe(PRIMARY_PORT);
  });

  it("returns from a write, or a transaction, only once the replica has it", async () => {
    const replica = postgres(pair.replicaUrl, { max: 1, onnotice: () => {} });
    try {
      for (let n = 0; n < 10; n++) {
        const key = `replayed-${n}`;
        if (n % 2) await db.insert(settings).values({ key, value: { n } });
        else await db.transaction((tx) => tx.insert(settings).values({ key, value: { n } }));
        // Read on the replica directly, at once: the write's answer waited for the replay.
        expect(await replica`select key from settings where key = ${key}`).toHaveLength(1);
      }
    } finally {
      await replica.end();
    }
    expect(handle.replicas.inUse()).toHaveLength(1);
  });

  it("skips a replica that falls behind, and reads the primary until it catches up", async () => {
    await pair.pauseReplay();
    changes.length = 0;
    // A write waits for the replay, gives up on the paused replica and skips it.
    await db.insert(settings).values({ key: "while-paused", value: { n: 1 } });
    expect(handle.replicas.inUse()).toEqual([]);
    expect(handle.use.replicas?.()).toEqual([expect.objectContaining({ inUse: false })]);
    expect(changes).toEqual([expect.objectContaining({ state: "skipped", reason: expect.stringContaining("behind the primary") })]);
    // The change is there for a reader at once: from the primary.
    const [row] = await runInRequestScope(readerScope(), async () => db.select({ key: settings.key, port: sql<number>`inet_server_port()` }).from(settings).where(sql`${settings.key} = 'while-paused'`));
    expect(row).toEqual({ key: "while-paused", port: PRIMARY_PORT });
    // Still behind: the probe keeps it skipped.
    await probeTwice();
    expect(handle.replicas.inUse()).toEqual([]);

    await pair.resumeReplay();
    await pair.caughtUp();
    await probeTwice();
    expect(handle.replicas.inUse()).toHaveLength(1);
    expect(changes.at(-1)).toMatchObject({ state: "back" });
    expect(await answeredBy(readerScope())).toBe(REPLICA_PORT);
  });

  it("a probe skips a replica that falls behind writes made elsewhere (another instance)", async () => {
    await pair.pauseReplay();
    const elsewhere = postgres(pair.primaryUrl, { max: 1, onnotice: () => {} });
    try {
      await elsewhere`insert into settings (key, value) values ('written-elsewhere', '{}'::jsonb)`;
    } finally {
      await elsewhere.end();
    }
    await probeTwice();
    expect(handle.replicas.inUse()).toEqual([]);
    expect(await answeredBy(readerScope())).toBe(PRIMARY_PORT);
    await pair.resumeReplay();
    await pair.caughtUp();
    await probeTwice();
    expect(await answeredBy(readerScope())).toBe(REPLICA_PORT);
  });

  it("answers a reader from the primary when the replica goes away, and uses it again once back", async () => {
    changes.length = 0;
    await pair.stopReplica("immediate");
    // No probe yet: the read fails on the replica, is run on the primary, and the replica is skipped.
    expect(await answeredBy(readerScope())).toBe(PRIMARY_PORT);
    expect(changes).toEqual([expect.objectContaining({ state: "skipped", reason: expect.stringContaining("out of reach") })]);
    await probeTwice();
    expect(await answeredBy(readerScope())).toBe(PRIMARY_PORT);
    // Writes go on, without waiting for a replica that is not in use.
    await db.insert(settings).values({ key: "while-down", value: { n: 1 } });

    await pair.startReplica();
    await pair.caughtUp();
    await probeTwice();
    expect(changes.at(-1)).toMatchObject({ state: "back" });
    expect(await answeredBy(readerScope())).toBe(REPLICA_PORT);
  });
});
