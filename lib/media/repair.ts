import { asc, eq, gt } from "drizzle-orm";
import sharp from "sharp";
import { getDb, type Db } from "@/lib/db";
import { media, type Media } from "@/db/schema";
import { encodeAs, keepsFrames, kindOfExtension, sniffImageType } from "./formats";
import { mediaStore, readUpload } from "./storage";
import { mimeByExtension, type MediaStore } from "./store";

// The one-off repair behind `npm run media:repair`. Uploads once wrote every image as a GIF under
// its .jpg/.png/.webp name, served with the name's type. Each stored file (and WebP copy) whose
// bytes are not the format its name promises is re-encoded in place to that format, and the row's
// type, size and dimensions are made to match the file. The colours the GIF dropped cannot come
// back; names, bytes and Content-Type agree again. A second run finds nothing to do.

export interface MediaRepairReport {
  /** Rows looked at. */
  checked: number;
  /** Files re-encoded to the format their name promises. */
  reencoded: number;
  /** Rows whose type, size or dimensions were corrected. */
  rowsFixed: number;
  /** Files missing or unreadable, left as they are. */
  problems: number;
}

interface RepairOptions {
  log: (line: string) => void;
  /** Where uploads live: the site's store by default. */
  store?: MediaStore;
}

const BATCH = 100;

export async function repairStoredMedia(
  options: RepairOptions,
  db: Db = getDb(),
): Promise<MediaRepairReport> {
  const report: MediaRepairReport = { checked: 0, reencoded: 0, rowsFixed: 0, problems: 0 };
  for (let afterId = 0; ; ) {
    const rows = await db.select().from(media).where(gt(media.id, afterId)).orderBy(asc(media.id)).limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) await repairRow(row, report, options, db);
    afterId = rows.at(-1)!.id;
  }
  const done = [
    report.reencoded && `re-encoded ${report.reencoded} file(s)`,
    report.rowsFixed && `corrected ${report.rowsFixed} row(s)`,
    report.problems && `${report.problems} file(s) missing or unreadable, left as they are`,
  ].filter(Boolean);
  options.log(`Checked ${report.checked} image(s): ${done.length ? done.join(", ") : "nothing to do"}`);
  return report;
}

async function repairRow(row: Media, report: MediaRepairReport, options: RepairOptions, db: Db): Promise<void> {
  report.checked++;
  const stored = await repairFile(row.storageKey, report, options);
  for (const variant of row.variants) await repairFile(variant.storageKey, report, options);
  if (!stored) return;

  const meta = await sharp(stored.data).metadata();
  const actual = { mimeType: mimeByExtension[stored.extension], width: meta.width, height: meta.height, bytes: stored.data.length };
  const changed = (Object.keys(actual) as (keyof typeof actual)[]).filter((field) => row[field] !== actual[field]);
  if (changed.length === 0) return;
  await db.update(media).set(actual).where(eq(media.id, row.id));
  report.rowsFixed++;
  options.log(`media ${row.id}: ${changed.map((field) => `${field} ${row[field]} → ${actual[field]}`).join(", ")}`);
}

/** The file's bytes after repair, or null when it is missing or cannot be decoded. */
async function repairFile(key: string, report: MediaRepairReport, options: RepairOptions) {
  const store = options.store ?? mediaStore();
  const file = await readUpload(key, store);
  if (!file) {
    report.problems++;
    options.log(`${key}: missing, left as it is`);
    return null;
  }
  const found = sniffImageType(file.data);
  const promised = kindOfExtension[file.extension];
  if (found === promised) return file;
  let data: Buffer;
  try {
    data = await encodeAs(sharp(file.data, { animated: keepsFrames(file.extension) }), file.extension).toBuffer();
  } catch {
    report.problems++;
    options.log(`${key}: ${found ?? "unknown"} bytes that cannot be decoded, left as they are`);
    return null;
  }
  await store.put(key, data);
  report.reencoded++;
  options.log(`${key}: ${found ?? "unknown"} bytes re-encoded as ${promised} (${file.data.length} → ${data.length} bytes)`);
  return { ...file, data };
}
