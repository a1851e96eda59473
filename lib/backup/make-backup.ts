import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { ObjectStorageSettings } from "@/lib/env";
import { mediaStoreFor } from "@/lib/media/storage";
import { dataDirHolder, openDatabase, pgliteDir, type DbHandle } from "@/db/client";
import { writeBackup } from "./archive";
import { BACKUP_PATH, endpointFile, type EndpointRecord } from "./endpoint";
import type { Manifest } from "./manifest";
import { verifyArchive } from "./read-archive";

// `npm run backup`: where the archive comes from. A PostgreSQL server is read directly, in one
// snapshot, however many servers serve it. An embedded database is read by whoever holds its
// directory: the running server, asked over its local endpoint (endpoint.ts), or — when no
// process holds it — this process, which takes the directory's lock itself for the time. The
// archive is written beside its final name, read back whole and checked, then renamed.

export class BackupUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupUnavailableError";
  }
}

interface Settings {
  databaseUrl: string | undefined;
  dataDir: string;
  objectStorage?: ObjectStorageSettings;
}

export type BackupSourceKind = "server" | "direct";

/** The server that holds the embedded database, or null when no process does. */
function runningServer(dataDir: string): EndpointRecord | null {
  const holder = dataDirHolder(dataDir);
  if (holder === null) return null;
  let record: EndpointRecord | undefined;
  try {
    record = JSON.parse(fs.readFileSync(endpointFile(dataDir), "utf8")) as EndpointRecord;
  } catch {
    // No endpoint: the holder is not a server (a migration, a script).
  }
  if (record?.pid !== holder) {
    throw new BackupUnavailableError(`The data directory ${dataDir} is in use by process ${holder}, which is not a server that makes backups (a migration or another script?). Try again when it has finished.`);
  }
  return record;
}

async function fetchFromServer(server: EndpointRecord, file: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${server.port}${BACKUP_PATH}`, { method: "POST", headers: { Authorization: `Bearer ${server.token}` } });
  } catch (error) {
    throw new BackupUnavailableError(`The server (pid ${server.pid}) holds the data directory but does not answer on port ${server.port}: ${(error as Error).message}`);
  }
  if (response.status !== 200 || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new BackupUnavailableError(`The server refused the backup (${response.status}): ${body?.error?.message ?? response.statusText}`);
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), fs.createWriteStream(file));
}

async function writeDirectly(settings: Settings, file: string): Promise<void> {
  if (!settings.databaseUrl && !fs.existsSync(pgliteDir(settings.dataDir))) {
    throw new BackupUnavailableError(`There is no database in ${settings.dataDir} to back up (DATA_DIR; or set DATABASE_URL).`);
  }
  const handle: DbHandle = openDatabase(settings);
  try {
    await writeBackup({ handle, store: mediaStoreFor(settings), via: "direct" }, fs.createWriteStream(file));
  } finally {
    await handle.close();
  }
}

export interface BackupMade {
  file: string;
  bytes: number;
  manifest: Manifest;
  via: BackupSourceKind;
}

/** Writes a checked archive of the configured database and uploads to `file`. */
export async function makeBackup(settings: Settings, file: string): Promise<BackupMade> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    const server = settings.databaseUrl ? null : runningServer(settings.dataDir);
    if (server) await fetchFromServer(server, partial);
    else await writeDirectly(settings, partial);
    // The server's answer can be cut short (it stopped, the backup failed): only a whole, checked archive counts.
    const manifest = await verifyArchive(partial);
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, manifest, via: server ? "server" : "direct" };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
