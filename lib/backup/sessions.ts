import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Sql, TransactionSql } from "postgres";
import type { DbHandle } from "@/db/client";

// One transaction on either database, with COPY in and out, for the backup's dump and load.
// Drizzle has no COPY, so this talks to the driver under it: PGlite copies through its
// '/dev/blob' device, postgres-js in through COPY … FROM STDIN. Out of PostgreSQL, rows are read
// as the server's own text (postgres-js `raw()`: nothing parsed) and written in COPY's text
// format here: postgres-js's COPY TO stream can leave its connection paused for good when the
// stream ends while full (a backup that hung, in the tests, under load), and a COPY value is
// exactly the type's text output, escaped.

export interface CopySession {
  rows<Row>(text: string): Promise<Row[]>;
  /** Runs SQL text of one or more statements (DDL, migrations). */
  exec(text: string): Promise<void>;
  /** The rows of `select` in COPY's text format. */
  copyOut(select: string): Promise<Buffer>;
  /** Loads rows in COPY's text format into `target` ("table (col, …)"). */
  copyIn(target: string, data: Buffer): Promise<void>;
}

const clientOf = <Client>(handle: DbHandle) => (handle.db as unknown as { $client: Client }).$client;

function pgliteSession(tx: Transaction): CopySession {
  return {
    rows: async <Row>(text: string) => (await tx.query<Row>(text)).rows,
    exec: async (text) => {
      await tx.exec(text);
    },
    copyOut: async (select) => {
      const result = await tx.query(`copy (${select}) to '/dev/blob'`);
      return result.blob ? Buffer.from(await result.blob.arrayBuffer()) : Buffer.alloc(0);
    },
    copyIn: async (target, data) => {
      await tx.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([new Uint8Array(data)]) });
    },
  };
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
/** A value as COPY's text format writes it: backslash, newline, carriage return and tab escaped. */
const copyText = (value: string) => value.replace(/[\\\n\r\t]/g, (character) => COPY_ESCAPES[character]!);

function postgresSession(tx: TransactionSql): CopySession {
  return {
    rows: async <Row>(text: string) => (await tx.unsafe(text)) as unknown as Row[],
    exec: async (text) => {
      await tx.unsafe(text).simple();
    },
    copyOut: async (select) => {
      const rows = (await tx.unsafe(select).raw()) as unknown as (Buffer | null)[][];
      return Buffer.from(rows.map((row) => `${row.map((value) => (value === null ? "\\N" : copyText(value.toString("utf8")))).join("\t")}\n`).join(""));
    },
    copyIn: async (target, data) => {
      await pipeline(Readable.from([data]), await tx.unsafe(`copy ${target} from stdin`).writable());
    },
  };
}

/**
 * Runs `work` in one transaction: `snapshot` reads one consistent state of the database
 * (REPEATABLE READ, read only) while others keep writing — on PGlite, one connection, the server's
 * other queries wait for it instead; otherwise a read-write transaction that commits only if
 * `work` returns, so a failed load leaves nothing behind.
 */
export async function inTransaction<T>(handle: DbHandle, mode: "snapshot" | "load", work: (session: CopySession) => Promise<T>): Promise<T> {
  if (handle.driver === "pglite") {
    return clientOf<PGlite>(handle).transaction(async (tx) => {
      if (mode === "snapshot") await tx.query("set transaction isolation level repeatable read, read only");
      return work(pgliteSession(tx));
    });
  }
  const options = mode === "snapshot" ? "isolation level repeatable read read only" : "";
  return clientOf<Sql>(handle).begin(options, (tx) => work(postgresSession(tx))) as Promise<T>;
}
