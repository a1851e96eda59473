// npm run backup [-- --out <file or folder>] – one archive of the database and the uploads, with
// a manifest of row counts and checksums (lib/backup/). Safe while the site is serving: on
// PostgreSQL one snapshot; on the embedded database the running server makes it, or this command
// when no server runs. The archive is read back and checked before the command says it is done.
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { makeBackup } from "@/lib/backup/make-backup";
import { fail, loadEnvFiles } from "./lib/cli";

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

loadEnvFiles();
try {
  const { values } = parseArgs({ options: { out: { type: "string", default: "backups" } } });
  const settings = env();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = values.out.endsWith(".tar.gz") ? values.out : path.join(values.out, `meridian-${stamp}.tar.gz`);
  const started = Date.now();
  const made = await makeBackup(settings, path.resolve(out));
  const { manifest } = made;
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  const from = made.via === "server" ? "made by the running server" : settings.databaseUrl ? "read from the PostgreSQL server" : "read from the embedded database";
  console.log(
    `Backup written to ${made.file}: ${megabytes(made.bytes)}, ${rows} rows in ${manifest.tables.length} tables and ${manifest.uploads.count} uploaded files ` +
      `(${megabytes(manifest.uploads.bytes)}), ${from}, checked, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (manifest.uploads.missing.length) {
    console.warn(`Warning: ${manifest.uploads.missing.length} files the database names were not found (deleted since, or lost before): ${manifest.uploads.missing.slice(0, 5).join(", ")}`);
  }
} catch (error) {
  fail(error);
}
