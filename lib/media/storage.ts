import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { storageKeyPattern } from "./urls";

// Uploaded files on local disk under DATA_DIR/uploads, named by the server, never by the uploader.
// A file is written beside its name and renamed into place once whole, so a reader never meets a
// half-written one; when the disk is full the part written is removed and the upload is refused
// with 507 (Insufficient Storage), saying so.

/** The upload disk has no room (or the process's quota is used up): 507. */
export class UploadSpaceError extends DomainError {
  constructor() {
    super("The server has no room left for uploads just now; nothing was stored. Tell whoever runs the site.", 507);
  }
}

/** Errors of a full disk or a used-up quota or file size limit. */
const NO_SPACE = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);

export const mimeByExtension = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
} as const;
export type MediaExtension = keyof typeof mimeByExtension;

export function uploadsDir(dataDir = env().dataDir): string {
  return path.join(dataDir, "uploads");
}

export function newStorageKey(extension: MediaExtension, now = new Date()): string {
  const year = now.getUTCFullYear();
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${year}/${month}/${randomBytes(16).toString("hex")}.${extension}`;
}

export async function writeUpload(key: string, data: Buffer, dataDir?: string): Promise<void> {
  if (!storageKeyPattern.test(key)) throw new Error(`Invalid storage key: ${key}`);
  const file = path.join(uploadsDir(dataDir), key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await fs.writeFile(partial, data);
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true });
    if (NO_SPACE.has((error as NodeJS.ErrnoException).code ?? "")) throw new UploadSpaceError();
    throw error;
  }
}

/** The file and its type, or null when the key is malformed or nothing is stored under it. */
export async function readUpload(
  key: string,
  dataDir?: string,
): Promise<{ data: Buffer; extension: MediaExtension; mimeType: string } | null> {
  const match = storageKeyPattern.exec(key);
  if (!match) return null;
  const extension = match[1] as MediaExtension;
  try {
    const data = await fs.readFile(path.join(uploadsDir(dataDir), key));
    return { data, extension, mimeType: mimeByExtension[extension] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Removes a stored file; nothing stored under the key is fine. */
export async function deleteUpload(key: string, dataDir?: string): Promise<void> {
  if (!storageKeyPattern.test(key)) throw new Error(`Invalid storage key: ${key}`);
  await fs.rm(path.join(uploadsDir(dataDir), key), { force: true });
}
