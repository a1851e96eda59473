// npm run db:migrate – applies committed migrations to the configured database.
import { loadEnvFiles, fail } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { env } from "@/lib/env";

loadEnvFiles();
try {
  env();
  await prepareDatabase({ seed: false, log: console.log });
} catch (error) {
  fail(error);
}
