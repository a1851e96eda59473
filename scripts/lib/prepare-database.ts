import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { demoAccountsInUse, refuseDemoAccountsOnPublicSite } from "@/lib/demo/demo-accounts";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { openConfiguredDatabase } from "@/lib/db";
import { env, seedsDemoStories, type Env } from "@/lib/env";
import { deleteStoredAuthSecret } from "@/lib/settings/store";
import { mediaStoreFor } from "@/lib/media/storage";
import { describeConnectionError } from "./cli";

/** How long a PostgreSQL server may take to answer its first query before the start gives up. */
export const SERVER_ANSWER_TIMEOUT_MS = 10_000;

/**
 * Opens the configured database and proves it answers, with a clear error if it does not. A
 * server that accepts the connection but never answers must not hang the start; embedded PGlite
 * is not held to that limit, because its first open creates the database (initdb), which takes
 * 5–25 s on a busy 2-core machine and cannot hang on a network.
 */
export async function openCheckedDatabase(): Promise<DbHandle> {
  const settings = env();
  const handle = openConfiguredDatabase();
  try {
    const answered = handle.db.execute(sql`select 1`);
    if (!settings.databaseUrl) await answered;
    else {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "CONNECT_TIMEOUT" })), SERVER_ANSWER_TIMEOUT_MS);
      });
      await Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
    }
  } catch (error) {
    void handle.close().catch(() => {});
    if (settings.databaseUrl) throw describeConnectionError(settings.databaseUrl, error);
    throw error;
  }
  return handle;
}

export interface PreparedDatabase {
  /** Set when this start created the first admin with a random password: print it once. */
  newAdmin?: { email: string; password: string | null };
  /** Demo accounts that sign in with their published passwords (on a local site): print them. */
  demoAccounts: string[];
}

type PrepareSettings = Pick<Env, "siteUrl" | "siteIsLocal" | "demoContent" | "dataDir" | "adminEmail" | "adminPassword"> & Partial<Pick<Env, "objectStorage">>;

interface PrepareOptions {
  seed: boolean;
  log: (line: string) => void;
  /** For a start that serves next: refuse a public SITE_URL while demo accounts are in use. */
  serving?: boolean;
}

/**
 * What goes into an empty database. The demo edition's accounts sign in with passwords the
 * README publishes: they are made for a local site only. A public site starts clean unless
 * DEMO_CONTENT=1 asks for the demo stories (still without those accounts).
 */
function demoPlan(settings: PrepareSettings): { stories: boolean; accounts: boolean; why: string } {
  if (!seedsDemoStories(settings)) {
    const why = settings.demoContent === "never" ? "DEMO_CONTENT=0" : `SITE_URL ${settings.siteUrl} is not a local address (DEMO_CONTENT=1 seeds the demo stories anyway)`;
    return { stories: false, accounts: false, why };
  }
  if (settings.siteIsLocal) return { stories: true, accounts: true, why: "a local site" };
  return { stories: true, accounts: false, why: `DEMO_CONTENT=1; no demo accounts on the public address ${settings.siteUrl}` };
}

/**
 * Migrates; deletes the session secret older versions kept in the database (keys live outside
 * it: lib/auth/keys.ts); with `seed`, seeds the demo edition into an empty database when the
 * site is local and makes sure there is an admin.
 */
export async function prepareOpenDatabase(handle: DbHandle, settings: PrepareSettings, options: PrepareOptions): Promise<PreparedDatabase> {
  const prepared: PreparedDatabase = { demoAccounts: [] };
  await runMigrations(handle);
  options.log("Migrations applied");
  if (await deleteStoredAuthSecret(handle.db)) {
    options.log("Deleted the session secret older versions kept in the database: open newsroom sessions end once.");
  }
  if (options.seed) {
    const plan = demoPlan(settings);
    if (plan.stories) {
      // Loaded only when seeding: it brings the demo content and the image renderer.
      const { seedDemoEdition } = await import("@/lib/demo/demo-edition");
      const result = await seedDemoEdition(handle, { store: mediaStoreFor(settings), log: options.log, accounts: plan.accounts });
      options.log(
        result.seeded
          ? `Seeded the demo edition (${plan.why}): ${result.stories} stories in ${result.sections} sections`
          : `Demo edition not seeded: ${result.reason}`,
      );
    } else {
      options.log(`Demo edition not seeded: ${plan.why}`);
    }
    const admin = await ensureFirstAdmin({ email: settings.adminEmail, password: settings.adminPassword }, handle.db);
    if (admin.created) prepared.newAdmin = { email: admin.email, password: admin.password };
  }
  if (options.serving) await refuseDemoAccountsOnPublicSite(settings.siteUrl, handle.db);
  if (settings.siteIsLocal) prepared.demoAccounts = await demoAccountsInUse(handle.db);
  return prepared;
}

/** prepareOpenDatabase on the configured database, closed after. */
export async function prepareDatabase(options: PrepareOptions): Promise<PreparedDatabase> {
  const settings = env();
  options.log(settings.databaseUrl ? "Database: PostgreSQL server (DATABASE_URL)" : `Database: embedded PGlite in ${settings.dataDir}`);
  const handle = await openCheckedDatabase();
  try {
    return await prepareOpenDatabase(handle, settings, options);
  } finally {
    await handle.close();
  }
}
