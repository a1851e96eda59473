import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { DataDirLockedError, keepPlanned, lockDataDir, openPglite, reconnectDelaySeconds } from "./client";

const run = promisify(execFile);
const dirs: string[] = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-lock-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("lockDataDir", () => {
  it("refuses a second process with a message naming the directory", async () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    try {
      const script = `import { lockDataDir } from "./db/client.ts"; lockDataDir(${JSON.stringify(dir)});`;
      const result = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: process.cwd(),
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`The data directory ${dir} is in use by another process (pid ${process.pid})`);
    } finally {
      release();
    }
    expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that died", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "pglite.lock"), "999999999\n");
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8").trim()).toBe(String(process.pid));
    release();
  });

  it("throws DataDirLockedError while a live process holds it", () => {
    const dir = tempDir();
    // pid 1 is always alive.
    fs.writeFileSync(path.join(dir, "pglite.lock"), "1\n");
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});

describe("keepPlanned", () => {
  it("runs a registered statement from its kept plan on PGlite, with the same rows for any parameters", async () => {
    const { db, close } = openPglite("memory");
    try {
      const query = db
        .select({ text: sql<string>`${sql.placeholder("text")}::text`, n: sql<number>`${sql.placeholder("n")}::int + 1`, none: sql<string | null>`${sql.placeholder("none")}::text` })
        .from(sql`(select 1) one`)
        .prepare("echo");
      const before = await query.execute({ text: "it's O'Brien's; drop table x --", n: 41, none: null });
      keepPlanned(db, query.getQuery().sql);
      for (const text of ["it's O'Brien's; drop table x --", "\\' back\\slash", "two\nlines"]) {
        expect(await query.execute({ text, n: 41, none: null })).toEqual([{ text, n: 42, none: null }]);
      }
      expect(before).toEqual([{ text: "it's O'Brien's; drop table x --", n: 42, none: null }]);
      const kept = (await db.execute(sql`select count(*)::int as n from pg_prepared_statements`)) as unknown as { rows: unknown[] };
      expect(kept.rows).toEqual([{ n: 1 }]);
    } finally {
      await close();
    }
  });

  const preparedCount = async (db: ReturnType<typeof openPglite>["db"]) =>
    ((await db.execute(sql`select count(*)::int as n from pg_prepared_statements`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

  it("runs a kept statement without parameters", async () => {
    const { db, close } = openPglite("memory");
    try {
      const query = db.select({ n: sql<number>`41 + 1` }).from(sql`(select 1) one`).prepare("answer");
      keepPlanned(db, query.getQuery().sql);
      expect(await query.execute()).toEqual([{ n: 42 }]);
      expect(await query.execute()).toEqual([{ n: 42 }]);
    } finally {
      await close();
    }
  });

  it("plans a statement sent a third time for good, and answers it the same", async () => {
    const { db, close } = openPglite("memory");
    try {
      const echo = (n: number) => db.select({ n: sql<number>`${n}::int * 2` }).from(sql`(select 1) one`);
      expect(await echo(1)).toEqual([{ n: 2 }]);
      expect(await echo(2)).toEqual([{ n: 4 }]);
      expect(await preparedCount(db)).toBe(0);
      for (const n of [3, 4, 5]) expect(await echo(n)).toEqual([{ n: n * 2 }]);
      expect(await preparedCount(db)).toBe(1);
    } finally {
      await close();
    }
  });

  it("sends a statement that fails to prepare as it is, with the database's own error, until it can", async () => {
    const { db, close } = openPglite("memory");
    try {
      const read = () => db.select({ n: sql<number>`count(*)::int` }).from(sql`later`);
      for (let i = 0; i < 4; i++) {
        const error = await read().then(() => null, (failure: Error) => failure);
        expect(String(error?.cause)).toMatch(/relation "later" does not exist/);
      }
      await db.execute(sql`create table later (id int)`);
      expect(await read()).toEqual([{ n: 0 }]);
    } finally {
      await close();
    }
  });
});

describe("reconnectDelaySeconds", () => {
  it("tries again quickly at first and never waits more than a second, however long the database was away", () => {
    expect(reconnectDelaySeconds(0)).toBeLessThan(0.1);
    for (const retries of [1, 5, 10, 50, 1000]) expect(reconnectDelaySeconds(retries)).toBeLessThanOrEqual(1);
    expect(reconnectDelaySeconds(50)).toBe(1);
  });
});
