import { and, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";
import { setDisabled } from "@/lib/auth/people";
import { ensureOwnAuthorProfile } from "@/lib/authors/accounts";
import { createUser } from "@/lib/auth/users";
import { isLocalUrl } from "@/lib/env";

// The demo edition's two accounts. Their passwords are published in the README, so they are
// made only for a local site (lib/env.ts, isLocalUrl), and `npm start` refuses to serve a public
// address while one of them still signs in with its published password.

/** Local-only demo accounts, documented in README. Never use them on a public site. */
export const demoAccounts = [
  { email: "editor@demo.test", name: "Morgan Ellery", role: "editor", password: "demo-editor-pass" },
  { email: "writer@demo.test", name: "Riley Okonjo", role: "writer", password: "demo-writer-pass" },
] as const;

const demoEmails = demoAccounts.map((account) => account.email);

export async function createDemoAccounts(db: Db): Promise<void> {
  for (const account of demoAccounts) await ensureOwnAuthorProfile(await createUser(account, db), db);
}

/** The enabled demo accounts that still accept the password the README publishes. */
export async function demoAccountsInUse(db: Db): Promise<string[]> {
  const rows = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(inArray(users.email, demoEmails), isNull(users.disabledAt)));
  const inUse: string[] = [];
  for (const account of demoAccounts) {
    const row = rows.find((candidate) => candidate.email === account.email);
    if (row && (await verifyPassword(row.passwordHash, account.password))) inUse.push(account.email);
  }
  return inUse;
}

export class DemoAccountsOnPublicSiteError extends Error {
  constructor(siteUrl: string, emails: string[]) {
    super(
      `Refusing to serve ${siteUrl}: the demo accounts ${emails.join(", ")} sign in with passwords published in the README. ` +
        "Run `npm run db:disable-demo-accounts` (or disable them, or reset their passwords, under Newsroom → People on a local start), then start again.",
    );
    this.name = "DemoAccountsOnPublicSiteError";
  }
}

/** The start check: a public site with a demo account still in use does not start. */
export async function refuseDemoAccountsOnPublicSite(siteUrl: string, db: Db): Promise<void> {
  if (isLocalUrl(siteUrl)) return;
  const inUse = await demoAccountsInUse(db);
  if (inUse.length > 0) throw new DemoAccountsOnPublicSiteError(siteUrl, inUse);
}

/** Disables every enabled demo account (ending its sessions and tokens); returns their e-mails. */
export async function disableDemoAccounts(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.email, demoEmails), isNull(users.disabledAt)))
    .orderBy(users.email);
  for (const row of rows) await setDisabled(null, row.id, true, undefined, db);
  return rows.map((row) => row.email);
}
