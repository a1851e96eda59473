import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing";
import { databaseUse } from "./client";

// The database's use as the operator's metrics read it (meridian_db_in_flight): a statement or a
// transaction counts while it runs, and nothing is left counted once it has answered or failed.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});

afterAll(async () => {
  await test.dispose();
});

it("counts statements and transactions in flight, and none once they settle", async () => {
  const use = databaseUse()!;
  expect(use.driver).toBe(test.driver);
  expect(use.inFlight).toBe(0);
  // A drizzle query runs when it is first awaited.
  const running = test.db.execute(sql`select pg_sleep(0.2)`).then(() => {});
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(use.inFlight).toBeGreaterThanOrEqual(1);
  await running;
  await test.db.transaction(async (tx) => {
    await tx.execute(sql`select 1`);
    expect(use.inFlight).toBeGreaterThanOrEqual(1);
  });
  await expect(test.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
  await Promise.all(Array.from({ length: 5 }, () => test.db.execute(sql`select 1`)));
  expect(use.inFlight).toBe(0);
  if (test.driver === "postgres") expect(use.poolMax).toBeGreaterThan(0);
});
