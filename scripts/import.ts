// npm run import -- <file> [--media <dir>] [--dry-run] [--as <admin e-mail>] – brings in a
// WordPress export (WXR) or a Ghost export (JSON): stories with their original dates, sections,
// tags, authors, images, comments and old addresses. Safe to run again: what was imported before
// is found by its source id and left alone; an interrupted run goes on where it stopped.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { setProcessDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { installKeys, loadKeys } from "@/lib/auth/keys";
import { findUserByEmail, listUsers } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { archiveConverters } from "@/lib/import/converters";
import { openArchive } from "@/lib/import/detect";
import { runImport } from "@/lib/import/importer";
import { formatReport, progressPrinter } from "@/lib/import/report";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";

const USAGE = "Usage: npm run import -- <export.xml|export.json> [--media <uploads folder>] [--dry-run] [--as <admin e-mail>]";

loadEnvFiles();
try {
  const { values, positionals } = parseArgs({
    options: { media: { type: "string" }, "dry-run": { type: "boolean" }, as: { type: "string" } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error(USAGE);
  if (values.media && !fs.statSync(values.media, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--media ${values.media} is not a folder.`);
  const reader = openArchive(file);
  const { databaseUrl, dataDir, authSecret } = env();
  // Commenters' e-mail hashes are keyed as the server keys them.
  installKeys(loadKeys(authSecret));
  console.log(databaseUrl ? "Database: PostgreSQL server (DATABASE_URL)" : `Database: embedded PGlite in ${dataDir}`);
  const handle = await openCheckedDatabase();
  setProcessDatabase(handle);
  try {
    await runMigrations(handle);
    const admin = values.as
      ? await findUserByEmail(values.as, handle.db)
      : (await listUsers(handle.db)).filter((user) => user.role === "admin" && !user.disabledAt).sort((a, b) => a.id - b.id)[0];
    if (!admin || admin.role !== "admin") throw new Error(values.as ? `${values.as} is not an admin account.` : "No admin account: create one first (npm run db:seed, or ADMIN_EMAIL and ADMIN_PASSWORD at start).");
    const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    console.log(`Importing ${file} as ${admin.email}${values["dry-run"] ? " (dry run: nothing is written)" : ""}`);
    const report = await runImport({
      reader,
      actor,
      converters: archiveConverters,
      mediaDir: values.media ?? null,
      dryRun: values["dry-run"] ?? false,
      db: handle.db,
      onProgress: progressPrinter(process.stderr),
    });
    console.log(formatReport(report));
    if (report.failed.length) process.exitCode = 1;
  } finally {
    await handle.close();
  }
} catch (error) {
  fail(error);
}
