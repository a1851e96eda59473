import { DomainError } from "@/lib/errors";
import { storageKeyPattern } from "./urls";

// What a home for uploaded files offers (lib/media/storage.ts chooses one): the interface both
// homes implement — local disk (disk-store.ts) and an S3-compatible bucket (s3-store.ts) — and
// the refusals they share.

/** The upload disk has no room (or the process's quota is used up): 507. */
export class UploadSpaceError extends DomainError {
  constructor() {
    super("The server has no room left for uploads just now; nothing was stored. Tell whoever runs the site.", 507);
  }
}

/** How long a client is told to wait when the bucket does not answer. */
const STORAGE_AWAY_RETRY_SECONDS = 10;

/** The object storage did not answer (or refused the site's key): 503 with Retry-After, nothing stored. */
export class StorageUnavailableError extends DomainError {
  constructor() {
    super("The image storage is not answering just now; nothing was stored. Try again in a few seconds.", 503, undefined, { retryAfter: STORAGE_AWAY_RETRY_SECONDS });
  }
}

export const mimeByExtension = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
} as const;
export type MediaExtension = keyof typeof mimeByExtension;

/** What a store knows of an object without reading it. */
export interface StoredObjectInfo {
  key: string;
  size: number;
  /** A quoted entity tag, stable while the object is unchanged (an MD5 in S3, size and time on disk). */
  etag: string;
}

/** Bytes `start` to `end` of an object, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject extends StoredObjectInfo {
  body: ReadableStream<Uint8Array>;
  /** The part sent when a range was asked for. */
  range?: ByteRange;
}

export interface MediaStore {
  /** Where the files are, for messages: a folder or s3://bucket. */
  readonly location: string;
  /** Stores the whole object under `key`; a reader meets the old one or the new, never a part. */
  put(key: string, data: Buffer): Promise<void>;
  /** The object (or a range of it) as a stream; null when nothing is stored under the key. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** The whole object; null when nothing is stored under the key. */
  read(key: string): Promise<Buffer | null>;
  head(key: string): Promise<StoredObjectInfo | null>;
  /** Removes the object; nothing stored under the key is fine. */
  delete(key: string): Promise<void>;
  /** Every stored object whose name is a storage key, in no particular order. */
  list(): AsyncIterable<StoredObjectInfo>;
}

export function assertStorageKey(key: string): void {
  if (!storageKeyPattern.test(key)) throw new Error(`Invalid storage key: ${key}`);
}

/** The type a stored key's extension promises. */
export function mimeTypeOf(key: string): string | null {
  const match = storageKeyPattern.exec(key);
  return match ? mimeByExtension[match[1] as MediaExtension] : null;
}
