import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Db } from "@/lib/db";
import { captureLog } from "@/lib/log";
import { latestMigrationStamp, readinessCheck } from "./readiness";

// Readiness against a real database: migrated (ready), behind this version's migrations, not
// answering, or this instance shutting down.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  // A database's first query (PGlite loading its files) is not what the checks time.
  await test.db.execute(sql`select count(*) from drizzle.__drizzle_migrations`);
});

afterAll(async () => {
  await test.dispose();
});

const running = () => false;

describe("readinessCheck", () => {
  it("is ready on a database with every migration this version ships", async () => {
    expect(latestMigrationStamp()).toBeGreaterThan(1_700_000_000_000);
    expect(await readinessCheck(() => test.db, running)()).toEqual({ ready: true });
  });

  it("is not ready on a database behind this version's migrations", async () => {
    const answer = await readinessCheck(() => test.db, running, latestMigrationStamp() + 1)();
    expect(answer).toEqual({ ready: false, reason: "The database's migrations are behind this version: run npm run db:migrate." });
  });

  it("is not ready when the database fails or does not answer in time, and logs the change once", async () => {
    const logged = captureLog();
    try {
      const failing = { execute: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })) } as unknown as Db;
      const check = readinessCheck(() => failing, running);
      expect(await check()).toEqual({ ready: false, reason: "The database does not answer." });
      expect(await check()).toEqual({ ready: false, reason: "The database does not answer." });
      const hanging = { execute: () => new Promise(() => {}) } as unknown as Db;
      expect(await readinessCheck(() => hanging, running, latestMigrationStamp(), 50)()).toEqual({ ready: false, reason: "The database does not answer." });
    } finally {
      logged.stop();
    }
    const warnings = logged.lines().filter((line) => line.msg === "Readiness: the database does not answer");
    expect(warnings.map((line) => line.code)).toEqual(["ECONNREFUSED", "READY_TIMEOUT"]);
  });

  it("shares one query among checks that arrive together", async () => {
    let queries = 0;
    const counting = {
      execute: (...args: unknown[]) => {
        queries++;
        return (test.db.execute as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    } as unknown as Db;
    const check = readinessCheck(() => counting, running);
    const answers = await Promise.all([check(), check(), check()]);
    expect(answers).toEqual([{ ready: true }, { ready: true }, { ready: true }]);
    expect(queries).toBe(1);
  });

  it("is not ready once a shutdown began, without asking the database", async () => {
    const never = { execute: () => Promise.reject(new Error("asked")) } as unknown as Db;
    expect(await readinessCheck(() => never, () => true)()).toEqual({ ready: false, reason: "This instance is shutting down." });
  });
});
