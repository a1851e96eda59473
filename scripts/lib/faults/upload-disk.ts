import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { media } from "@/db/schema";

// The upload disk of the fault test: a tmpfs mounted over DATA_DIR/uploads (mounting needs root),
// sized to what the demo edition stored there plus a little room, so a few uploads fill it.

/** Room left on the upload disk once the demo edition's images are on it. */
const ROOM_BYTES = 1.5 * 1024 * 1024;

export const canMount = () => process.getuid?.() === 0;

function treeBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).reduce((sum, entry) => {
    return entry.isFile() ? sum + fs.statSync(path.join(entry.parentPath, entry.name)).size : sum;
  }, 0);
}

/** Moves what is in `uploads` onto a small tmpfs mounted there. Returns the unmount. */
export function mountSmallUploadDisk(uploads: string): () => void {
  const kept = `${uploads}.seeded`;
  fs.mkdirSync(uploads, { recursive: true });
  fs.renameSync(uploads, kept);
  fs.mkdirSync(uploads);
  // A tmpfs counts whole 4 KB pages per file: a page per file on top of the bytes.
  const files = fs.readdirSync(kept, { recursive: true }).length;
  const size = Math.ceil((treeBytes(kept) + files * 4096 + ROOM_BYTES) / 4096) * 4096;
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", uploads]);
  fs.cpSync(kept, uploads, { recursive: true });
  fs.rmSync(kept, { recursive: true, force: true });
  return () => execFileSync("umount", ["-l", uploads]);
}

/** A PNG of noise that does not compress: ~`kb` KB on disk whatever the encoder does. */
export function noisePng(kb: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt((kb * 1024) / 3));
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();
}

export interface DiskCheck {
  /** Files left half-written (`*.partial`). */
  partialFiles: string[];
  /** Files on disk no media row names (an upload's file whose row was never written). */
  orphanFiles: string[];
  /** Media rows whose original file is missing (a row written for a file that was not). */
  danglingRows: number[];
}

export async function checkUploadDisk(db: Db, uploads: string): Promise<DiskCheck> {
  const rows = await db.select({ id: media.id, storageKey: media.storageKey }).from(media);
  const stems = new Set(rows.map((row) => /[a-f0-9]{32}/.exec(row.storageKey)?.[0]));
  const files = fs.readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const names = files.map((entry) => path.relative(uploads, path.join(entry.parentPath, entry.name)));
  return {
    partialFiles: names.filter((name) => name.includes(".partial")),
    orphanFiles: names.filter((name) => !name.includes(".partial") && !stems.has(/[a-f0-9]{32}/.exec(name)?.[0])),
    danglingRows: rows.filter((row) => !fs.existsSync(path.join(uploads, row.storageKey))).map((row) => row.id),
  };
}
