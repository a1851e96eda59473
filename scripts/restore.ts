// npm run restore -- <archive> [--force] – restores an archive of `npm run backup` into the
// configured database (DATABASE_URL, or the embedded one in DATA_DIR) and the uploads' store
// (DATA_DIR/uploads, or the bucket of S3_BUCKET), which must be empty unless --force. Checks the whole archive first; loads every row in one
// transaction. Stop the application first: the embedded database refuses a second process anyway.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { restoreArchive } from "@/lib/backup/restore";
import { mediaStoreFor } from "@/lib/media/storage";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";

loadEnvFiles();
try {
  const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length !== 1) throw new Error("Name one archive: npm run restore -- <archive> [--force]");
  const file = positionals[0]!;
  const settings = env();
  const started = Date.now();
  const handle = await openCheckedDatabase();
  try {
    const result = await restoreArchive({ handle, store: mediaStoreFor(settings) }, file, { force: values.force });
    const { manifest } = result;
    console.log(
      `Restored ${file} (made ${manifest.createdAt} from ${manifest.source.kind}): ${result.rows} rows in ${manifest.tables.length} tables and ${result.uploads} uploaded files, ` +
        `row counts and checksums as in its manifest, in ${((Date.now() - started) / 1000).toFixed(1)} s. The next start applies any newer migrations.`,
    );
    if (result.replacedUploads) console.log(`The uploads it replaced are kept in ${result.replacedUploads}; delete them when you no longer need them.`);
  } finally {
    await handle.close();
  }
} catch (error) {
  fail(error);
}
