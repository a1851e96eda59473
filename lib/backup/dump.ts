import type { CopySession } from "./sessions";
import type { Manifest } from "./manifest";

// The database part of a backup: every table of the `public` schema, read in one transaction
// (sessions.ts) with COPY, in pieces of at most CHUNK_PAGES pages each (a range of row addresses,
// `ctid`, which stays put within one snapshot), so no piece is larger than ~8 MB of table
// whatever the table's size: the server's heap stays small while it makes a backup.

const CHUNK_PAGES = 1024;

interface TableInfo {
  name: string;
  columns: string[];
  pages: number;
}

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Parents before children, so a row's references are loaded before it (triggers read them); by name otherwise. */
function loadOrder(tables: TableInfo[], references: { child: string; parent: string }[]): TableInfo[] {
  const waitingFor = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of references) if (child !== parent && waitingFor.has(parent)) waitingFor.get(child)?.add(parent);
  const ordered: TableInfo[] = [];
  let left = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (left.length) {
    const ready = left.filter((table) => waitingFor.get(table.name)!.size === 0);
    // A cycle of references: the restore checks references after loading, so any order loads.
    const next = ready.length ? ready : left.slice(0, 1);
    for (const table of next) for (const waiting of waitingFor.values()) waiting.delete(table.name);
    ordered.push(...next);
    left = left.filter((table) => !next.includes(table));
  }
  return ordered;
}

async function listTables(session: CopySession): Promise<TableInfo[]> {
  const tables = await session.rows<TableInfo>(`
    select c.relname as name,
           array(select a.attname::text from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 order by a.attnum) as columns,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`);
  const references = await session.rows<{ child: string; parent: string }>(`
    select c.relname as child, p.relname as parent
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace`);
  return loadOrder(tables, references);
}

/** The selects that read a table in pieces: all of it, or one range of pages each. */
function chunkSelects(table: TableInfo): string[] {
  const select = `select ${table.columns.map(quoteName).join(", ")} from ${quoteName(table.name)}`;
  if (table.pages <= CHUNK_PAGES) return [select];
  const selects: string[] = [];
  for (let page = 0; page < table.pages; page += CHUNK_PAGES) {
    const last = page + CHUNK_PAGES >= table.pages;
    // Pages added after the snapshot hold nothing it sees; the last piece takes them all anyway.
    selects.push(`${select} where ctid >= '(${page},0)'::tid${last ? "" : ` and ctid < '(${page + CHUNK_PAGES},0)'::tid`}`);
  }
  return selects;
}

/** Rows in COPY's text format: one line each (a newline inside a value is written as \n). */
function countRows(data: Buffer): number {
  let rows = 0;
  for (let index = data.indexOf(10); index !== -1; index = data.indexOf(10, index + 1)) rows++;
  return rows;
}

export type DatabasePart = Pick<Manifest, "tables" | "sequences" | "schema">;

/**
 * Reads every table through `session` and hands each piece to `emit` (named by `fileName`), in
 * load order. Returns what the manifest says about the database.
 */
export async function dumpDatabase(
  session: CopySession,
  fileName: (table: string, part: number) => string,
  emit: (name: string, data: Buffer) => Promise<void>,
): Promise<DatabasePart> {
  const migrations = await session.rows<{ hash: string }>("select hash from drizzle.__drizzle_migrations order by created_at, id");
  const tables: DatabasePart["tables"] = [];
  for (const table of await listTables(session)) {
    const entry = { name: table.name, columns: table.columns, rows: 0, files: [] as string[] };
    for (const select of chunkSelects(table)) {
      const data = await session.copyOut(select);
      if (!data.length) continue;
      const name = fileName(table.name, entry.files.length + 1);
      await emit(name, data);
      entry.rows += countRows(data);
      entry.files.push(name);
    }
    tables.push(entry);
  }
  const sequences = await session.rows<{ name: string; value: string | null }>(`
    select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name, last_value::text as value
    from pg_sequences where schemaname = 'public' order by sequencename`);
  return { tables, sequences, schema: { migrations: migrations.map((row) => row.hash), last: null } };
}
