import { and, count, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { canManagePeople, isDemotion, rolesThat } from "./roles";
import { getDb, type Db } from "@/lib/db";
import { accountLinks, users } from "@/db/schema";
import { parseInput, RuleError } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/audit/log";
import { ensureOwnAuthorProfile } from "@/lib/authors/accounts";
import { revokeAllApiTokens } from "./api-tokens";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";
import { createUser, EmailTakenError, findUserByEmail, newUserSchema, type CurrentUser, type Role } from "./users";

// Commands on people. Each one that changes what someone may do bumps their session version,
// so sessions opened before the change stop working at once (lib/auth/session.ts). One that
// takes trust away — a password reset or change, a demotion, disabling — also revokes their API
// tokens: a token made under the old password or role must not outlive it, nor any invitation or
// password-reset link they handed out that is still open.

const bumpVersion = sql`${users.sessionVersion} + 1`;

async function otherActiveAdmins(userId: number, db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(inArray(users.role, rolesThat(canManagePeople)), isNull(users.disabledAt), ne(users.id, userId)));
  return row?.n ?? 0;
}

async function requireTarget(userId: number, db: Db) {
  const [target] = await db.select().from(users).where(eq(users.id, userId));
  if (!target) throw new RuleError("That person no longer exists.");
  return target;
}

/** Creates an account; `actor` is whoever added them (an invitation's sender), null when unknown. */
export async function addPerson(
  actor: Pick<CurrentUser, "id"> | null,
  input: { email: string; name: string; role: Role; password: string },
  ip: string,
  db: Db = getDb(),
) {
  const user = await createUser(input, db);
  // Their own byline, ready for their first story (lib/authors/accounts.ts).
  await ensureOwnAuthorProfile(user, db);
  await recordAudit({ actorId: actor?.id ?? null, action: "user.create", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role }, ip }, db);
  return user;
}

export const personDetailsSchema = newUserSchema.pick({ name: true, email: true });

/** Corrects a person's name or e-mail address (which must stay unique); logged with both versions. */
export async function updatePerson(actor: CurrentUser, userId: number, input: unknown, ip: string, db: Db = getDb()) {
  const data = parseInput(personDetailsSchema, input);
  const target = await requireTarget(userId, db);
  const holder = await findUserByEmail(data.email, db);
  if (holder && holder.id !== userId) throw new EmailTakenError(data.email);
  if (target.name === data.name && target.email === data.email) return;
  await db.transaction(async (tx) => {
    await tx.update(users).set(data).where(eq(users.id, userId));
    const details = { from: { name: target.name, email: target.email }, to: data };
    await recordAudit({ actorId: actor.id, action: "user.update", targetType: "user", targetId: userId, details, ip }, tx);
  });
}

/** Changes a person, ends their sessions and, when trust is taken away, their tokens; logged. All or nothing. */
async function applyChange(
  userId: number,
  change: Partial<typeof users.$inferInsert>,
  revokeTokens: boolean,
  audit: AuditEntry,
  db: Db,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ ...change, sessionVersion: bumpVersion }).where(eq(users.id, userId));
    const tokensRevoked = revokeTokens ? await revokeAllApiTokens(userId, tx) : 0;
    const linksWithdrawn = revokeTokens ? await withdrawLinksHandedOutBy(userId, tx) : 0;
    await recordAudit({ ...audit, targetType: "user", targetId: userId, details: { ...audit.details, tokensRevoked, linksWithdrawn } }, tx);
  });
}

/** Withdraws the open invitation and reset links someone made; how many. */
async function withdrawLinksHandedOutBy(userId: number, db: Db): Promise<number> {
  const now = new Date();
  const withdrawn = await db
    .update(accountLinks)
    .set({ revokedAt: now })
    .where(and(eq(accountLinks.createdById, userId), isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt), gt(accountLinks.expiresAt, now)))
    .returning({ id: accountLinks.id });
  return withdrawn.length;
}

export async function changeRole(actor: CurrentUser, userId: number, role: Role, ip: string, db: Db = getDb()) {
  const target = await requireTarget(userId, db);
  if (target.role === role) return;
  if (canManagePeople(target) && (await otherActiveAdmins(userId, db)) === 0) {
    throw new RuleError("The newsroom needs at least one admin: make someone else admin first.");
  }
  const demotion = isDemotion(target.role, role);
  await applyChange(userId, { role }, demotion, { actorId: actor.id, action: "user.role_change", details: { from: target.role, to: role }, ip }, db);
}

/** Disables or enables an account; `actor` is null for an operator's command (no one signed in). */
export async function setDisabled(actor: CurrentUser | null, userId: number, disabled: boolean, ip: string | undefined, db: Db = getDb()) {
  if (disabled && actor?.id === userId) throw new RuleError("You cannot disable your own account.");
  const target = await requireTarget(userId, db);
  if (disabled && canManagePeople(target) && (await otherActiveAdmins(userId, db)) === 0) {
    throw new RuleError("The last admin cannot be disabled.");
  }
  const action = disabled ? "user.disable" : "user.enable";
  await applyChange(userId, { disabledAt: disabled ? new Date() : null }, disabled, { actorId: actor?.id ?? null, action, ip }, db);
}

/** Sets a new random password and returns it, to be shown once to the admin. */
export async function resetPassword(actor: CurrentUser, userId: number, ip: string, db: Db = getDb()): Promise<string> {
  await requireTarget(userId, db);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await applyChange(userId, { passwordHash }, true, { actorId: actor.id, action: "user.password_reset", ip }, db);
  return password;
}

/** Sets the password a person chose through a reset link; their sessions and tokens end. */
export async function setPasswordFromResetLink(userId: number, password: string, linkId: number, ip: string, db: Db = getDb()) {
  const passwordHash = await hashPassword(password);
  await applyChange(userId, { passwordHash }, true, { actorId: userId, action: "user.password_reset", details: { link: linkId }, ip }, db);
}

export async function changeOwnPassword(actor: CurrentUser, current: string, next: string, ip: string, db: Db = getDb()) {
  const target = await requireTarget(actor.id, db);
  if (!(await verifyPassword(target.passwordHash, current))) {
    throw new RuleError("That is not your current password.", "currentPassword");
  }
  const passwordHash = await hashPassword(next);
  await applyChange(actor.id, { passwordHash }, true, { actorId: actor.id, action: "user.password_change", ip }, db);
}
