// npm run db:seed – migrates, then seeds the demo edition if the database is empty.
import { loadEnvFiles, fail } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { env } from "@/lib/env";

loadEnvFiles();
try {
  env();
  await prepareDatabase({ seed: true, log: console.log });
} catch (error) {
  fail(error);
}
