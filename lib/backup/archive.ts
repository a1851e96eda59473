import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { DbHandle } from "@/db/client";
import { committedMigrations } from "@/db/migrate";
import type { MediaStore } from "@/lib/media/store";
import { dumpDatabase } from "./dump";
import { FORMAT, MANIFEST_NAME, tableFile, uploadFile, type Manifest } from "./manifest";
import { inTransaction } from "./sessions";
import { TarWriter } from "./tar";

// Writing a backup: one gzipped tar stream of the database's tables (dump.ts, one snapshot), then
// the uploaded files (from the site's store: its folder or its bucket), then the manifest (manifest.ts) with every entry's size and sha256, the
// row counts and the schema's version. The files are read after the snapshot: an upload is written
// before its row, so every file the snapshot's rows name is there unless it was deleted since —
// listed as missing in the manifest, and reported.

export interface BackupSource {
  handle: DbHandle;
  /** Where the uploads are (lib/media/storage.ts). */
  store: MediaStore;
  via: Manifest["source"]["via"];
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** The uploaded files in `store`, by storage key. */
export async function storedUploads(store: MediaStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list()) keys.push(object.key);
  return keys.sort();
}

/** Writes the archive to `out` (and ends it); returns its manifest. */
export async function writeBackup(source: BackupSource, out: Writable, now = new Date()): Promise<Manifest> {
  const gzip = zlib.createGzip({ level: 6 });
  // A destination that fails or closes early (a backup's client gone) stops the writing too.
  const piping = pipeline(gzip, out);
  piping.catch(() => {}); // awaited below; a failure meanwhile is seen there, not left unhandled
  const tar = new TarWriter(gzip);
  const files: Manifest["files"] = {};
  const add = async (name: string, data: Buffer) => {
    files[name] = { bytes: data.length, sha256: sha256(data) };
    await tar.add(name, data, now);
  };
  try {
    const { database, mediaKeys } = await inTransaction(source.handle, "snapshot", async (session) => ({
      database: await dumpDatabase(session, tableFile, add),
      mediaKeys: await session.rows<{ key: string }>(`
        select storage_key as key from media
        union all select v ->> 'storageKey' from media cross join jsonb_array_elements(variants) v`),
    }));
    const keys = await storedUploads(source.store);
    let bytes = 0;
    for (const key of keys) {
      const data = await source.store.read(key);
      if (!data) continue; // deleted since it was listed
      await add(uploadFile(key), data);
      bytes += data.length;
    }
    const last = database.schema.migrations.at(-1);
    const manifest: Manifest = {
      format: FORMAT,
      version: 1,
      createdAt: now.toISOString(),
      source: { kind: source.handle.driver, via: source.via },
      schema: { ...database.schema, last: committedMigrations().find((migration) => migration.hash === last)?.tag ?? null },
      tables: database.tables,
      sequences: database.sequences,
      uploads: {
        count: Object.keys(files).filter((name) => name.startsWith("uploads/")).length,
        bytes,
        missing: mediaKeys.map((row) => row.key).filter((key) => !files[uploadFile(key)]),
      },
      files,
    };
    await tar.add(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 2)), now);
    await tar.finish();
    gzip.end();
    await piping;
    return manifest;
  } catch (error) {
    gzip.destroy(error as Error);
    await piping.catch(() => {});
    throw error;
  }
}
