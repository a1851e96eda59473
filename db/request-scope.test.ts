import { describe, expect, it, vi } from "vitest";
import { scopedStatements } from "./client";
import { databaseWasAway, noteDatabaseError, noteWrite, OUTAGE_MEMORY_MS, replicaReadAllowed, runInRequestScope, STATEMENT_WAIT_MS, WriteDeadlineError, type RequestScope } from "./request-scope";

// The PostgreSQL client inside a request's scope (db/request-scope.ts): statements stop at the
// write deadline, and a statement that failed because the database was away marks the request.

type Sql = Parameters<typeof scopedStatements>[0];

/** A stand-in for postgres-js: records the statements sent, fails those named in `failing`. */
function fakeClient(failing: Record<string, Error> = {}) {
  const sent: string[] = [];
  const client = Object.assign(() => {}, {
    options: { max: 10 },
    unsafe: (text: string) => {
      sent.push(text);
      return failing[text] ? Promise.reject(failing[text]) : Promise.resolve([]);
    },
    begin: async (run: (tx: unknown) => Promise<unknown>) => {
      sent.push("begin");
      try {
        const result = await run(client);
        sent.push("commit");
        return result;
      } catch (error) {
        sent.push("rollback");
        throw error;
      }
    },
  });
  return { sql: scopedStatements(client as unknown as Sql), sent };
}

const scope = (writeDeadline?: number): RequestScope => ({ databaseUnavailable: false, writeDeadline });

describe("scopedStatements", () => {
  it("sends statements before the deadline and outside any request", async () => {
    const { sql, sent } = fakeClient();
    await runInRequestScope(scope(Date.now() + 60_000), () => sql.unsafe("select 1"));
    await sql.unsafe("select 2");
    expect(sent).toEqual(["select 1", "select 2"]);
    expect(sql.options.max).toBe(10);
  });

  it("sends nothing more once a write's deadline has passed, and rolls its transaction back", async () => {
    const { sql, sent } = fakeClient();
    const late = scope(Date.now() + 60_000);
    const written = runInRequestScope(late, () =>
      sql.begin(async (tx) => {
        await tx.unsafe("insert a");
        late.writeDeadline = Date.now() - 1;
        await tx.unsafe("insert b");
      }),
    );
    await expect(written).rejects.toBeInstanceOf(WriteDeadlineError);
    expect(sent).toEqual(["begin", "insert a", "rollback"]);
    expect(() => runInRequestScope(late, () => sql.unsafe("select 1"))).toThrow(WriteDeadlineError);
  });

  it("marks the request when a statement failed because the database was away, not for other failures", async () => {
    const away = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const broken = Object.assign(new Error("syntax error"), { code: "42601" });
    const { sql } = fakeClient({ "select away": away, "select broken": broken });

    const first = scope();
    await runInRequestScope(first, () => sql.unsafe("select broken")).catch(() => {});
    expect(first.databaseUnavailable).toBe(false);

    const second = scope();
    await expect(runInRequestScope(second, () => sql.unsafe("select away"))).rejects.toBe(away);
    expect(second.databaseUnavailable).toBe(true);
  });
});

describe("a request's statement that does not settle", () => {
  it("is cancelled after STATEMENT_WAIT_MS, and the request marked, instead of waiting for the database to come back", async () => {
    vi.useFakeTimers();
    try {
      let cancelled = 0;
      const waiting = () => {
        let reject: (error: Error) => void = () => {};
        const query = Object.assign(new Promise((_, fail) => (reject = fail)), {
          cancel: () => {
            cancelled++;
            reject(Object.assign(new Error("canceling statement due to user request"), { code: "57014" }));
          },
        });
        return query;
      };
      const sql = scopedStatements(Object.assign(() => {}, { unsafe: waiting }) as unknown as Sql);
      const request = scope();
      const answer = runInRequestScope(request, () => sql.unsafe("select 1")).catch((error: { code: string }) => error.code);
      await vi.advanceTimersByTimeAsync(STATEMENT_WAIT_MS - 1);
      expect(cancelled).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(await answer).toBe("57014");
      expect(request.databaseUnavailable).toBe(true);

      // Outside a request (the sweeper, a script) nothing is cancelled.
      void sql.unsafe("select 2");
      await vi.advanceTimersByTimeAsync(STATEMENT_WAIT_MS * 2);
      expect(cancelled).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("databaseWasAway", () => {
  it("holds for a request whose own statement failed, and for any request in the seconds after one failed", () => {
    const away = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const mine = scope();
    mine.databaseUnavailable = true;
    expect(databaseWasAway(mine)).toBe(true);

    noteDatabaseError(away, 1_000);
    expect(databaseWasAway(scope(), 1_000 + OUTAGE_MEMORY_MS - 1)).toBe(true);
    expect(databaseWasAway(scope(), 1_000 + OUTAGE_MEMORY_MS)).toBe(false);
    noteDatabaseError(new Error("a bug"), 50_000);
    expect(databaseWasAway(scope(), 50_001)).toBe(false);
  });
});

describe("reading a replica", () => {
  it("is for a reader's request only, until it writes", () => {
    expect(replicaReadAllowed()).toBe(false);
    runInRequestScope({ databaseUnavailable: false }, () => expect(replicaReadAllowed()).toBe(false));
    const reader: RequestScope = { databaseUnavailable: false, replicaReads: true };
    runInRequestScope(reader, () => {
      expect(replicaReadAllowed()).toBe(true);
      noteWrite();
      expect(replicaReadAllowed()).toBe(false);
    });
    expect(reader.wrote).toBe(true);
    // Outside a request (the sweeper, scripts) a write marks nothing.
    expect(() => noteWrite()).not.toThrow();
  });
});
