import fs from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, UploadSpaceError, type ByteRange, type MediaStore, type StoredObject, type StoredObjectInfo } from "./store";
import { storageKeyPattern } from "./urls";

// Uploads on local disk under DATA_DIR/uploads. A file is written beside its name and renamed into
// place once whole, so a reader never meets a half-written one; when the disk is full the part
// written is removed and the upload is refused with 507 (Insufficient Storage), saying so.

/** Errors of a full disk or a used-up quota or file size limit. */
const NO_SPACE = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

export class DiskStore implements MediaStore {
  readonly location: string;

  /** `folder`: where the files are, DATA_DIR/uploads for the site's own. */
  constructor(readonly folder: string) {
    this.location = folder;
  }

  private file(key: string): string {
    assertStorageKey(key);
    return path.join(this.location, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key);
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

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const stat = await fs.stat(this.file(key));
      return { key, size: stat.size, etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"` };
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file(key));
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
    // The size and time of the file opened, not of whatever the name points at by the time it is read.
    const stat = await handle.stat();
    const info = { key, size: stat.size, etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"` };
    const stream = createReadStream("", { fd: handle, start: range?.start, end: range?.end });
    return { ...info, range, body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key));
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObjectInfo> {
    let names: string[];
    try {
      names = await fs.readdir(this.location, { recursive: true });
    } catch (error) {
      if (missing(error)) return;
      throw error;
    }
    // Only what the server stores; a half-written ".partial" is not a file yet.
    for (const name of names) {
      const key = name.split(path.sep).join("/");
      if (!storageKeyPattern.test(key)) continue;
      const info = await this.head(key);
      if (info) yield info;
    }
  }
}
