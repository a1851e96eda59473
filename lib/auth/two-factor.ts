import { readSiteSettings } from "@/lib/settings/site";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { env } from "@/lib/env";
import { RuleError } from "@/lib/errors";
import { twoFactorKey } from "./keys";
import { mustUseTwoFactorWhenRequired } from "./roles";
import { acceptTotp, decryptSecret, encryptSecret, newTotpSecret, totpQrSvg, totpUri } from "./totp";
import type { CurrentUser } from "./users";

// Two-factor sign-in, per account: set up under Account (a secret shown once in the app's
// form, confirmed with a code before it counts), turned off with a code, or by an admin for
// someone who lost their phone. Sign-in asks for a code after the password (lib/auth/sign-in.ts).

export const WRONG_CODE = "That code is not right. Use the current one from your app.";

export type TwoFactorState =
  | { on: true }
  | { on: false; setup: { secret: string; uri: string; qrSvg: string } | null };

async function readRow(userId: number, db: Db) {
  const [row] = await db
    .select({ email: users.email, secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Whether sign-in asks this person for a code. */
export async function hasTwoFactor(userId: number, db: Db = getDb()): Promise<boolean> {
  return Boolean((await readRow(userId, db))?.enabledAt);
}

/** True when REQUIRE_2FA holds this person to two-factor sign-in and they have not set it up. */
export async function mustSetUpTwoFactor(user: CurrentUser, db: Db = getDb()): Promise<boolean> {
  return env().requireTwoFactor && mustUseTwoFactorWhenRequired(user) && !(await hasTwoFactor(user.id, db));
}

/** What the Account page shows: on, or off with the secret being set up (if one was started). */
export async function twoFactorState(user: CurrentUser, db: Db = getDb()): Promise<TwoFactorState> {
  const row = await readRow(user.id, db);
  if (row?.enabledAt) return { on: true };
  const secret = row?.secret ? decryptSecret(row.secret, twoFactorKey()) : null;
  if (!secret) return { on: false, setup: null };
  const uri = totpUri(secret, user.email, (await readSiteSettings()).name);
  return { on: false, setup: { secret, uri, qrSvg: totpQrSvg(uri) } };
}

/** Starts setting up with a new secret (replacing one not yet confirmed). */
export async function startTwoFactorSetup(user: CurrentUser, db: Db = getDb()): Promise<void> {
  if (await hasTwoFactor(user.id, db)) throw new RuleError("Two-factor sign-in is already on.");
  const stored = encryptSecret(newTotpSecret(), twoFactorKey());
  await db.update(users).set({ totpSecret: stored, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
}

/**
 * Accepts a code for this person, once: the step is stored only if it is newer than the last
 * one, in the same statement, so two requests racing with one code cannot both pass.
 */
export async function spendTwoFactorCode(userId: number, code: string, db: Db = getDb()): Promise<boolean> {
  const row = await readRow(userId, db);
  const secret = row?.secret ? decryptSecret(row.secret, twoFactorKey()) : null;
  if (!row || !secret) return false;
  const step = acceptTotp(secret, code, row.lastStep);
  if (step === null) return false;
  const taken = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return taken.length === 1;
}

/** Turns it on once a code from the app proves the secret was taken in. */
export async function confirmTwoFactor(user: CurrentUser, code: string, ip: string, db: Db = getDb()): Promise<void> {
  const row = await readRow(user.id, db);
  if (row?.enabledAt) throw new RuleError("Two-factor sign-in is already on.");
  if (!row?.secret) throw new RuleError("Start setting it up first.");
  if (!(await spendTwoFactorCode(user.id, code, db))) throw new RuleError(WRONG_CODE, "code");
  await db.update(users).set({ totpEnabledAt: new Date() }).where(and(eq(users.id, user.id), isNotNull(users.totpSecret)));
  await recordAudit({ actorId: user.id, action: "user.two_factor_on", targetType: "user", targetId: user.id, ip }, db);
}

const turnedOff = { totpSecret: null, totpEnabledAt: null, totpLastStep: null };

/** Turns it off with a current code; not for an admin whom REQUIRE_2FA holds to it. */
export async function turnOffTwoFactor(user: CurrentUser, code: string, ip: string, db: Db = getDb()): Promise<void> {
  if (env().requireTwoFactor && mustUseTwoFactorWhenRequired(user)) {
    throw new RuleError("Admins must keep two-factor sign-in on here (REQUIRE_2FA).");
  }
  if (!(await hasTwoFactor(user.id, db))) throw new RuleError("Two-factor sign-in is already off.");
  if (!(await spendTwoFactorCode(user.id, code, db))) throw new RuleError(WRONG_CODE, "code");
  await db.update(users).set(turnedOff).where(eq(users.id, user.id));
  await recordAudit({ actorId: user.id, action: "user.two_factor_off", targetType: "user", targetId: user.id, ip }, db);
}

/**
 * An admin turns it off for someone who lost their app, or an operator (`actor` null, from
 * `npm run db:two-factor-off`) for an admin who did; their sessions end.
 */
export async function resetTwoFactor(actor: Pick<CurrentUser, "id"> | null, userId: number, ip: string | undefined, db: Db = getDb()): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ ...turnedOff, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), isNotNull(users.totpSecret))).returning({ id: users.id });
  if (rows.length === 0) return false;
  await recordAudit({ actorId: actor?.id ?? null, action: "user.two_factor_reset", targetType: "user", targetId: userId, ip }, db);
  return true;
}
