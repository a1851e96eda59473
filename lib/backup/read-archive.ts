import { createHash } from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import { BackupArchiveError, MANIFEST_NAME, parseManifest, type Manifest } from "./manifest";
import { ArchiveFormatError, readTar, type TarEntry } from "./tar";

// Reading a backup archive back: its entries, and a whole pass that checks every one against the
// manifest before anything is restored (and after every backup). Damage anywhere — gzip's own
// checksum, a tar header, a file's sha256, a missing or extra entry — is a BackupArchiveError
// that says so.

/** What zlib says of a damaged or cut gzip stream, in a person's words. */
function describeGzipError(error: NodeJS.ErrnoException): string | null {
  if (error.code === "Z_BUF_ERROR") return "it ends in the middle (truncated)";
  if (error.code === "Z_DATA_ERROR") return `its compressed data is damaged (${error.message})`;
  return null;
}

/** The archive's entries in order; BackupArchiveError when it cannot be read to its end. */
export async function* archiveEntries(file: string): AsyncGenerator<TarEntry> {
  const gunzip = fs.createReadStream(file).pipe(zlib.createGunzip());
  try {
    yield* readTar(gunzip);
  } catch (error) {
    const reason = error instanceof ArchiveFormatError ? error.message : describeGzipError(error as NodeJS.ErrnoException);
    if (reason) throw new BackupArchiveError(`${file} is not a complete backup archive: ${reason}.`);
    throw error;
  } finally {
    gunzip.destroy();
  }
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Reads the whole archive and checks it against its manifest; returns the manifest. */
export async function verifyArchive(file: string): Promise<Manifest> {
  const seen: { name: string; sha256: string; bytes: number }[] = [];
  let manifest: Manifest | undefined;
  for await (const entry of archiveEntries(file)) {
    if (manifest) throw new BackupArchiveError(`${file} is not a backup archive this version reads: it has entries after its manifest.`);
    if (entry.name === MANIFEST_NAME) {
      try {
        manifest = parseManifest(entry.data);
      } catch (error) {
        if (error instanceof BackupArchiveError) throw new BackupArchiveError(`${file} is not a backup archive this version reads: ${error.message}.`);
        throw error;
      }
    } else seen.push({ name: entry.name, sha256: sha256(entry.data), bytes: entry.data.length });
  }
  if (!manifest) throw new BackupArchiveError(`${file} is not a backup archive: it has no ${MANIFEST_NAME}.`);
  const listed = Object.entries(manifest.files);
  for (const [index, entry] of seen.entries()) {
    const [name, expected] = listed[index] ?? [];
    if (name !== entry.name) throw new BackupArchiveError(`${file} does not match its manifest: ${entry.name} is not where the manifest lists it.`);
    if (expected!.sha256 !== entry.sha256 || expected!.bytes !== entry.bytes) {
      throw new BackupArchiveError(`${file} is damaged: ${entry.name} does not match its checksum in the manifest.`);
    }
  }
  if (listed.length !== seen.length) throw new BackupArchiveError(`${file} is missing ${listed[seen.length]![0]}, listed in its manifest.`);
  const tableFiles = manifest.tables.flatMap((table) => table.files);
  if (tableFiles.some((name) => !(name in manifest.files))) throw new BackupArchiveError(`${file} does not match its manifest: a table's file is not in it.`);
  return manifest;
}
