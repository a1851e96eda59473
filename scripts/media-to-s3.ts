// npm run media:to-s3 [-- --dry-run] – copies the uploads in DATA_DIR/uploads to the bucket of
// S3_BUCKET (lib/media/copy-to-bucket.ts). Safe to run again, and to run again after a stop: what
// is already in the bucket is skipped. Run it before starting the site with S3_BUCKET set, and
// once more after, for anything uploaded in between.
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { copyUploads } from "@/lib/media/copy-to-bucket";
import { diskStore, objectStore } from "@/lib/media/storage";
import { StorageUnavailableError } from "@/lib/media/store";
import { fail, loadEnvFiles } from "./lib/cli";

loadEnvFiles();
try {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });
  const settings = env();
  if (!settings.objectStorage) throw new Error("Set S3_BUCKET (and S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY for a service other than Amazon S3) to name the bucket to copy to.");
  const started = Date.now();
  const bucket = objectStore(settings.objectStorage);
  const report = await copyUploads(diskStore(settings.dataDir), bucket, { dryRun: values["dry-run"], log: console.log }).catch((error: unknown) => {
    if (!(error instanceof StorageUnavailableError)) throw error;
    throw new Error(`${bucket.location} does not answer (or refuses the key). What was copied stays copied: run the command again when it answers.`);
  });
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.found} found, ${report.copied} ${values["dry-run"] ? "to copy" : "copied"}, ${report.skipped} skipped.`);
} catch (error) {
  fail(error);
}
