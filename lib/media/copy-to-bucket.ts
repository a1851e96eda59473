import { createHash } from "node:crypto";
import type { MediaStore, StoredObjectInfo } from "./store";

// `npm run media:to-s3`: copies the uploads of a site that ran on local disk into its bucket, so
// it can move to object storage without losing a file. Each file is compared with the object of
// the same name first (size, and its MD5 where the bucket's ETag is one), so a second run — or a
// run after one that stopped half-way — copies only what is not there yet. Files are read one at a
// time: the memory used is one image's, however many there are.

export interface CopyReport {
  /** Files found on disk. */
  found: number;
  /** Copied to the bucket (or, in a dry run, that would be). */
  copied: number;
  /** Already in the bucket with the same size and content. */
  skipped: number;
  bytes: number;
}

interface CopyOptions {
  dryRun?: boolean;
  log?: (line: string) => void;
}

/** Whether `object` already holds `data`: its size, and its MD5 when the ETag is a plain one (not a multipart or encrypted upload's). */
function holds(object: StoredObjectInfo, data: Buffer): boolean {
  if (object.size !== data.length) return false;
  const etag = object.etag.replace(/"/g, "");
  return !/^[a-f0-9]{32}$/.test(etag) || etag === createHash("md5").update(data).digest("hex");
}

export async function copyUploads(from: MediaStore, to: MediaStore, { dryRun = false, log = () => {} }: CopyOptions = {}): Promise<CopyReport> {
  const report: CopyReport = { found: 0, copied: 0, skipped: 0, bytes: 0 };
  for await (const file of from.list()) {
    report.found++;
    const data = await from.read(file.key);
    if (!data) continue; // removed since it was listed
    const there = await to.head(file.key);
    if (there && holds(there, data)) {
      report.skipped++;
      continue;
    }
    if (!dryRun) await to.put(file.key, data);
    report.copied++;
    report.bytes += data.length;
    if (report.copied % 500 === 0) log(`… ${report.copied} copied so far`);
  }
  const megabytes = (report.bytes / 1024 / 1024).toFixed(1);
  log(
    `${dryRun ? "Dry run: would copy" : "Copied"} ${report.copied} of ${report.found} file(s) (${megabytes} MB) from ${from.location} to ${to.location}; ` +
      `${report.skipped} already there with the same content.`,
  );
  return report;
}
