import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { DbHandle } from "@/db/client";
import { committedMigrations } from "@/db/migrate";
import { uploadsDir } from "@/lib/media/storage";
import { storageKeyPattern } from "@/lib/media/urls";
import { dumpDatabase } from "./dump";
import { FORMAT, MANIFEST_NAME, tableFile, uploadFile, type Manifest } from "./manifest";
import { inTransaction } from "./sessions";
import { TarWriter } from "./tar";

// Writing a backup: one gzipped tar stream of the database's tables (dump.ts, one snapshot), then
// the uploaded files, then the manifest (manifest.ts) with every entry's size and sha256, the
// row counts and the schema's version. The files are read after the snapshot: an upload is written
// before its row, so every file the snapshot's rows name is there unless it was deleted since —
// listed as missing in the manifest, and reported.

export interface BackupSource {
  handle: DbHandle;
  dataDir: string;
  via: Manifest["source"]["via"];
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** The uploaded files under `dataDir`, by storage key. */
export async function storedUploads(dataDir: string): Promise<string[]> {
  const root = uploadsDir(dataDir);
  let names: string[];
  try {
    names = await fs.readdir(root, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // Only what the server stores (lib/media/storage.ts); a half-written ".partial" is not a file yet.
  return names.map((name) => name.split(path.sep).join("/")).filter((key) => storageKeyPattern.test(key)).sort();
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
    const keys = await storedUploads(source.dataDir);
    let bytes = 0;
    for (const key of keys) {
      const data = await fs.readFile(path.join(uploadsDir(source.dataDir), key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return null; // deleted since it was listed
        throw error;
      });
      if (!data) continue;
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
