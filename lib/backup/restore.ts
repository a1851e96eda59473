import fs from "node:fs/promises";
import type { DbHandle } from "@/db/client";
import { committedMigrations, migrationScript } from "@/db/migrate";
import { DiskStore } from "@/lib/media/disk-store";
import type { MediaStore } from "@/lib/media/store";
import { storageKeyPattern } from "@/lib/media/urls";
import { storedUploads } from "./archive";
import { quoteName } from "./dump";
import { BackupArchiveError, MANIFEST_NAME, type Manifest } from "./manifest";
import { archiveEntries, verifyArchive } from "./read-archive";
import { inTransaction, type CopySession } from "./sessions";

// Restoring a backup into an empty database and data directory: the archive is checked whole
// first (read-archive.ts); then ONE transaction makes the schema afresh at the archive's version
// (not this code's latest: its rows fit that schema; the next start migrates the rest), loads
// every row, checks the references once at its end, compares the row counts with the manifest and
// sets the sequences, while the uploads are written beside the live folder and moved in only
// after the commit. A failure anywhere leaves the target as it was, --force or not. Into a bucket
// (S3_BUCKET) the uploads are written during the load, under their own never-reused names, and
// removed again if it fails; with --force, objects already there that the archive does not hold
// stay in the bucket, named by no row.

/** The target is not empty (and --force was not given), or the archive is from another schema. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefusedError";
  }
}

export interface RestoreTarget {
  handle: DbHandle;
  /** Where the uploads go (lib/media/storage.ts). */
  store: MediaStore;
}

export interface RestoreResult {
  manifest: Manifest;
  rows: number;
  uploads: number;
  /** Where the uploads folder the restore replaced was moved (--force, on disk), if it had files. */
  replacedUploads: string | null;
}

/** How many of this code's migrations the archive's schema is: its list must be where ours starts. */
function archiveMigrationCount(manifest: Manifest): number {
  const ours = committedMigrations();
  const theirs = manifest.schema.migrations;
  if (theirs.length > ours.length) {
    throw new RestoreRefusedError(
      `The archive's database has ${theirs.length} migrations (newest ${manifest.schema.last ?? "unknown"}); this version of the application has ${ours.length}. Restore it with the version that made it, or a newer one.`,
    );
  }
  const differs = theirs.findIndex((hash, index) => ours[index]!.hash !== hash);
  if (differs !== -1) throw new RestoreRefusedError(`The archive's database schema differs from this version's at migration ${ours[differs]!.tag}.`);
  return theirs.length;
}

/** What the target holds: "28 stories", … and "3 uploaded files"; nothing when it is empty. */
async function targetContents({ handle, store }: RestoreTarget): Promise<{ holds: string[]; schemas: boolean }> {
  const found = await inTransaction(handle, "snapshot", async (session) => {
    const tables = await session.rows<{ name: string }>("select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by relname");
    const holds: string[] = [];
    for (const { name } of tables) {
      const [row] = await session.rows<{ n: number }>(`select count(*)::int as n from ${quoteName(name)}`);
      if (row!.n) holds.push(`${row!.n} ${name}`);
    }
    const [drizzle] = await session.rows<{ exists: boolean }>("select exists (select 1 from pg_namespace where nspname = 'drizzle') as exists");
    return { holds, schemas: tables.length > 0 || drizzle!.exists };
  });
  const files = (await storedUploads(store)).length;
  if (files) found.holds.push(`${files} uploaded files`);
  return found;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Drops the schema's foreign keys (to be added again after the load) and returns how to add them. */
async function dropForeignKeys(session: CopySession): Promise<string[]> {
  const keys = await session.rows<{ table: string; name: string; definition: string }>(`
    select quote_ident(c.relname) as table, quote_ident(k.conname) as name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace`);
  for (const key of keys) await session.rows(`alter table ${key.table} drop constraint ${key.name}`);
  return keys.map((key) => `alter table ${key.table} add constraint ${key.name} ${key.definition}`);
}

interface Load {
  file: string;
  manifest: Manifest;
  /** Where the uploads are written: a folder beside the live one, or the bucket itself. */
  staging: MediaStore;
  /** The keys written to `staging` that were not there before, to remove if the load fails. */
  written: string[];
  /** The target has schemas to drop first (empty ones, or anything with --force). */
  dropSchemas: boolean;
  migrations: number;
}

async function loadRows(session: CopySession, { file, manifest, staging, written, dropSchemas, migrations }: Load): Promise<number> {
  if (dropSchemas) await session.exec("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
  for (const statement of migrationScript(migrations)) await session.exec(statement);
  const tableOf = new Map(manifest.tables.flatMap((table) => table.files.map((name) => [name, table] as const)));
  const addKeys = await dropForeignKeys(session);
  for await (const entry of archiveEntries(file)) {
    const table = tableOf.get(entry.name);
    if (table) {
      await session.copyIn(`${quoteName(table.name)} (${table.columns.map(quoteName).join(", ")})`, entry.data);
      continue;
    }
    if (entry.name === MANIFEST_NAME) continue;
    const key = entry.name.slice("uploads/".length);
    if (!entry.name.startsWith("uploads/") || !storageKeyPattern.test(key)) throw new BackupArchiveError(`${file} holds ${entry.name}, which no backup writes.`);
    // An object already there (a bucket restored into with --force) stays if the load fails: the rows it had still name it.
    const fresh = (await staging.head(key)) === null;
    await staging.put(key, entry.data);
    if (fresh) written.push(key);
  }
  // The references are checked here, once, over all the rows (a reply may come before its comment).
  for (const statement of addKeys) await session.rows(statement);
  let rows = 0;
  for (const table of manifest.tables) {
    const [counted] = await session.rows<{ n: number }>(`select count(*)::int as n from ${quoteName(table.name)}`);
    if (counted!.n !== table.rows) throw new BackupArchiveError(`${file}: ${table.name} has ${counted!.n} rows after loading; the manifest says ${table.rows}.`);
    rows += counted!.n;
  }
  for (const sequence of manifest.sequences) {
    if (sequence.value === null) continue;
    if (!/^-?\d+$/.test(sequence.value)) throw new BackupArchiveError(`${file}: the manifest's value of ${sequence.name} is not a number.`);
    await session.rows(`select setval(${literal(sequence.name)}, ${sequence.value}, true)`);
  }
  return rows;
}

/** Moves the restored uploads in; a folder they replace (--force), if it has files, is kept beside it. */
async function moveUploadsIn(store: DiskStore, staging: string): Promise<string | null> {
  const live = store.folder;
  let replaced: string | null = null;
  if ((await storedUploads(store)).length) {
    replaced = `${live}.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await fs.rename(live, replaced);
  } else await fs.rm(live, { recursive: true, force: true });
  await fs.rename(staging, live);
  return replaced;
}

export async function restoreArchive(target: RestoreTarget, file: string, { force = false } = {}): Promise<RestoreResult> {
  const manifest = await verifyArchive(file);
  const migrations = archiveMigrationCount(manifest);
  const contents = await targetContents(target);
  if (contents.holds.length && !force) {
    throw new RestoreRefusedError(`The target is not empty: it holds ${contents.holds.join(", ")}. Restore into an empty database and data directory, or pass --force to replace everything in them.`);
  }
  const { handle, store } = target;
  const onDisk = store instanceof DiskStore;
  const folder = onDisk ? `${store.folder}.restoring-${process.pid}` : null;
  const written: string[] = [];
  if (folder) {
    await fs.rm(folder, { recursive: true, force: true });
    await fs.mkdir(folder, { recursive: true });
  }
  try {
    const rows = await inTransaction(handle, "load", (session) =>
      loadRows(session, { file, manifest, staging: folder ? new DiskStore(folder) : store, written, dropSchemas: contents.schemas, migrations }),
    );
    const replacedUploads = onDisk && folder ? await moveUploadsIn(store, folder) : null;
    return { manifest, rows, uploads: manifest.uploads.count, replacedUploads };
  } catch (error) {
    if (!folder) for (const key of written) await store.delete(key).catch(() => {});
    throw error;
  } finally {
    if (folder) await fs.rm(folder, { recursive: true, force: true });
  }
}
