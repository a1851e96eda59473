// npm run db:disable-demo-accounts – disables the demo edition's accounts (their passwords are
// published in the README), ending their sessions and API tokens: what a site needs before
// `npm start` serves it on a public address.
import { disableDemoAccounts } from "@/lib/demo/demo-accounts";
import { env } from "@/lib/env";
import { fail, loadEnvFiles } from "./lib/cli";
import { openCheckedDatabase } from "./lib/prepare-database";

loadEnvFiles();
try {
  env();
  const handle = await openCheckedDatabase();
  try {
    const disabled = await disableDemoAccounts(handle.db);
    console.log(disabled.length ? `Disabled ${disabled.join(", ")}: their sessions and API tokens have ended.` : "No enabled demo accounts.");
  } finally {
    await handle.close();
  }
} catch (error) {
  fail(error);
}
