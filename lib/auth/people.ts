import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { recordAudit } from "@/lib/audit/log";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";
import { createUser, type CurrentUser, type Role } from "./users";

// Commands on people. Each one that changes what someone may do bumps their session version,
// so sessions opened before the change stop working at once (lib/auth/session.ts).

const bumpVersion = sql`${users.sessionVersion} + 1`;

async function otherActiveAdmins(userId: number, db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)));
  return row?.n ?? 0;
}

async function requireTarget(userId: number, db: Db) {
  const [target] = await db.select().from(users).where(eq(users.id, userId));
  if (!target) throw new ActionError("That person no longer exists.");
  return target;
}

export async function addPerson(
  actor: CurrentUser,
  input: { email: string; name: string; role: Role; password: string },
  ip: string,
  db: Db = getDb(),
) {
  const user = await createUser(input, db);
  await recordAudit({ actorId: actor.id, action: "user.create", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role }, ip }, db);
  return user;
}

export async function changeRole(actor: CurrentUser, userId: number, role: Role, ip: string, db: Db = getDb()) {
  const target = await requireTarget(userId, db);
  if (target.role === role) return;
  if (target.role === "admin" && (await otherActiveAdmins(userId, db)) === 0) {
    throw new ActionError("The newsroom needs at least one admin: make someone else admin first.");
  }
  await db.update(users).set({ role, sessionVersion: bumpVersion }).where(eq(users.id, userId));
  await recordAudit({ actorId: actor.id, action: "user.role_change", targetType: "user", targetId: userId, details: { from: target.role, to: role }, ip }, db);
}

export async function setDisabled(actor: CurrentUser, userId: number, disabled: boolean, ip: string, db: Db = getDb()) {
  const target = await requireTarget(userId, db);
  if (disabled && target.role === "admin" && (await otherActiveAdmins(userId, db)) === 0) {
    throw new ActionError("The last admin cannot be disabled.");
  }
  await db
    .update(users)
    .set({ disabledAt: disabled ? new Date() : null, sessionVersion: bumpVersion })
    .where(eq(users.id, userId));
  await recordAudit({ actorId: actor.id, action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: userId, ip }, db);
}

/** Sets a new random password and returns it, to be shown once to the admin. */
export async function resetPassword(actor: CurrentUser, userId: number, ip: string, db: Db = getDb()): Promise<string> {
  await requireTarget(userId, db);
  const password = generatePassword();
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), sessionVersion: bumpVersion })
    .where(eq(users.id, userId));
  await recordAudit({ actorId: actor.id, action: "user.password_reset", targetType: "user", targetId: userId, ip }, db);
  return password;
}

export async function changeOwnPassword(actor: CurrentUser, current: string, next: string, ip: string, db: Db = getDb()) {
  const target = await requireTarget(actor.id, db);
  if (!(await verifyPassword(target.passwordHash, current))) {
    throw new ActionError("That is not your current password.", "currentPassword");
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(next), sessionVersion: bumpVersion })
    .where(eq(users.id, actor.id));
  await recordAudit({ actorId: actor.id, action: "user.password_change", targetType: "user", targetId: actor.id, ip }, db);
}
