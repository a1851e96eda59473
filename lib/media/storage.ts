import { randomBytes } from "node:crypto";
import path from "node:path";
import { env, type Env, type ObjectStorageSettings } from "@/lib/env";
import { DiskStore } from "./disk-store";
import { S3Store } from "./s3-store";
import { mimeByExtension, type MediaExtension, type MediaStore } from "./store";
import { storageKeyPattern } from "./urls";

// Where uploaded files live, behind one interface with two homes: local disk under DATA_DIR/uploads
// (the default) or an S3-compatible bucket (S3_BUCKET, lib/env.ts). Every reader and writer of
// uploads — the upload command, the media routes, crops, share cards, the demo seed, the repair,
// backups and `npm run media:to-s3` — goes through a MediaStore, so both homes behave alike:
// names are made by the server, an object is whole or absent, a missing one reads as null.

/** A store on local disk under `dataDir`/uploads. */
export function diskStore(dataDir = env().dataDir): MediaStore {
  return new DiskStore(path.join(dataDir, "uploads"));
}

/** A store in the bucket `settings` name. */
export function objectStore(settings: ObjectStorageSettings): MediaStore {
  return new S3Store(settings);
}

let current: MediaStore | undefined;

/** The store a configuration names: its bucket when S3_BUCKET is set, its DATA_DIR/uploads otherwise. */
export function mediaStoreFor(settings: Pick<Env, "dataDir"> & Partial<Pick<Env, "objectStorage">>): MediaStore {
  return settings.objectStorage ? objectStore(settings.objectStorage) : diskStore(settings.dataDir);
}

/** This process's store (one client for every request). */
export function mediaStore(): MediaStore {
  current ??= mediaStoreFor(env());
  return current;
}

export function newStorageKey(extension: MediaExtension, now = new Date()): string {
  const year = now.getUTCFullYear();
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${year}/${month}/${randomBytes(16).toString("hex")}.${extension}`;
}

/** The file and its type, or null when the key is malformed or nothing is stored under it. */
export async function readUpload(
  key: string,
  store: MediaStore = mediaStore(),
): Promise<{ data: Buffer; extension: MediaExtension; mimeType: string } | null> {
  const match = storageKeyPattern.exec(key);
  if (!match) return null;
  const extension = match[1] as MediaExtension;
  const data = await store.read(key);
  return data && { data, extension, mimeType: mimeByExtension[extension] };
}
