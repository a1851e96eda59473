// npm start – builds if the sources changed, migrates, seeds an empty database, then serves.
import { demoAccounts } from "@/lib/demo/demo-accounts";
import { loadKeys } from "@/lib/auth/keys";
import { env } from "@/lib/env";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail, loadEnvFiles } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { isPortFree, startAppServer, waitForPort } from "./lib/server";

loadEnvFiles();
try {
  const { port, siteUrl, authSecret } = env();
  if (!(await isPortFree(port))) throw new Error(`Port ${port} is already in use; set PORT to use another.`);
  // Before the build: a PostgreSQL server without AUTH_SECRET, or a broken key file, stops here.
  const keys = loadKeys(authSecret);
  if (keys.source === "created") {
    console.log(`Created ${keys.file}: the key for sessions and comment hashes. Back it up apart from the data directory.`);
  }

  if (isBuildCurrent()) {
    console.log("Build is current");
  } else {
    console.log("Building the application (first start, or the sources changed)…");
    if (!(await buildApp())) throw new Error("The build failed; see the output above.");
  }

  const prepared = await prepareDatabase({ seed: true, serving: true, log: console.log });

  const server = startAppServer({ port });
  server.on("exit", (code) => process.exit(code ?? 1));
  await waitForPort(port);
  console.log(`\n  ${env().siteName} is running at http://localhost:${port}`);
  if (!siteUrl.includes(`localhost:${port}`)) console.log(`  Public URL (SITE_URL): ${siteUrl}`);
  console.log(`\n  Newsroom: http://localhost:${port}/editor`);
  if (prepared.newAdmin?.password) {
    console.log(`  Admin account created: ${prepared.newAdmin.email} / ${prepared.newAdmin.password}`);
    console.log("  This password is shown once. Change it under Account after signing in.");
  } else if (prepared.newAdmin) {
    console.log(`  Admin account: ${prepared.newAdmin.email} (password from ADMIN_PASSWORD)`);
  } else {
    console.log("  Sign in with your admin account (ADMIN_EMAIL, or the one printed on the first start).");
  }
  const demo = demoAccounts.filter((account) => prepared.demoAccounts.includes(account.email));
  if (demo.length) console.log(`  Demo accounts (local only): ${demo.map((account) => `${account.email} / ${account.password}`).join(", ")}`);
  console.log("");
} catch (error) {
  fail(error);
}
