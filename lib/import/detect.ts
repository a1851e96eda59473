import fs from "node:fs";
import { ghostReader } from "./ghost";
import { ArchiveFormatError, type ArchiveReader } from "./model";
import { wordpressReader } from "./wxr";

// Which export a file is, from its first bytes (never its name): XML is a WordPress export (WXR),
// a JSON object a Ghost export; anything else is refused before anything is read further.

const HEAD_BYTES = 4096;

export function detectFormat(head: string): "wordpress" | "ghost" | null {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("<")) return /<rss\b|<\?xml/.test(text) ? "wordpress" : null;
  if (text.startsWith("{")) return "ghost";
  return null;
}

export function openArchive(file: string): ArchiveReader {
  let head: string;
  try {
    const handle = fs.openSync(file, "r");
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = fs.readSync(handle, buffer, 0, HEAD_BYTES, 0);
    fs.closeSync(handle);
    head = buffer.subarray(0, read).toString("utf8");
  } catch (error) {
    throw new ArchiveFormatError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const format = detectFormat(head);
  if (format === "wordpress") return wordpressReader(file);
  if (format === "ghost") return ghostReader(file);
  throw new ArchiveFormatError(`${file} is neither a WordPress export (WXR, XML) nor a Ghost export (JSON).`);
}
