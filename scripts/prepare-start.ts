// The first half of `npm start`, in a process of its own that exits when done (scripts/start.mjs
// runs it): checks the settings and the port, makes the key file, builds if the sources changed,
// migrates and seeds an empty database. The embedded database's memory (PGlite's WebAssembly
// heap, hundreds of MB after a seed) cannot be given back in-process; it goes with this process.
// Tells the supervisor the port and what to print once the server answers.
import { demoAccounts } from "@/lib/demo/demo-accounts";
import { loadKeys } from "@/lib/auth/keys";
import { env } from "@/lib/env";
import { buildApp, isBuildCurrent } from "./lib/build";
import { fail, loadEnvFiles } from "./lib/cli";
import { prepareDatabase } from "./lib/prepare-database";
import { isPortFree } from "./lib/server.mjs";

/** Sent to the supervisor (scripts/start.mjs) over the IPC channel. */
export interface StartPlan {
  port: number;
  /** Printed once the server answers. */
  banner: string[];
}

loadEnvFiles();
try {
  if (!process.send) throw new Error("Run npm start (scripts/start.mjs) rather than this script.");
  const { port, siteUrl, siteName, authSecret } = env();
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

  const banner = [`\n  ${siteName} is running at http://localhost:${port}`];
  if (!siteUrl.includes(`localhost:${port}`)) banner.push(`  Public URL (SITE_URL): ${siteUrl}`);
  banner.push(`\n  Newsroom: http://localhost:${port}/editor`);
  if (prepared.newAdmin?.password) {
    banner.push(`  Admin account created: ${prepared.newAdmin.email} / ${prepared.newAdmin.password}`);
    banner.push("  This password is shown once. Change it under Account after signing in.");
  } else if (prepared.newAdmin) {
    banner.push(`  Admin account: ${prepared.newAdmin.email} (password from ADMIN_PASSWORD)`);
  } else {
    banner.push("  Sign in with your admin account (ADMIN_EMAIL, or the one printed on the first start).");
  }
  const demo = demoAccounts.filter((account) => prepared.demoAccounts.includes(account.email));
  if (demo.length) banner.push(`  Demo accounts (local only): ${demo.map((account) => `${account.email} / ${account.password}`).join(", ")}`);
  banner.push("");
  const plan: StartPlan = { port, banner };
  process.send(plan, () => process.exit(0));
} catch (error) {
  fail(error);
}
