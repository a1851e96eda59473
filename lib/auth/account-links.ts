import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { accountLinks, users, type User } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { DomainError, parseInput, RuleError } from "@/lib/errors";
import { addPerson, setPasswordFromResetLink } from "./people";
import { hashToken } from "./token-hash";
import { EmailTakenError, findUserByEmail, newUserSchema, passwordSchema, type CurrentUser } from "./users";

// Links an admin hands over instead of a password: an invitation to join with a role, or a
// password reset. The token is 128 random bits, shown once; only its hash is stored
// (lib/auth/token-hash.ts). A link works once, until it expires or an admin withdraws it, and
// using it is one conditional UPDATE, so two tabs racing with one link cannot both succeed.

const INVITATION_LIFETIME_MS = 7 * 86_400_000;
const RESET_LIFETIME_MS = 24 * 3_600_000;

/** What a person sees for a link that is unknown, expired, used or withdrawn. */
export const LINK_GONE = "This link no longer works: it has expired, was already used, or was withdrawn. Ask an admin for a new one.";

export class LinkGoneError extends DomainError {
  constructor() {
    super(LINK_GONE, 410);
  }
}

export const invitationSchema = newUserSchema.omit({ password: true });

/** The new password, typed twice, of a form that sets one. */
export const choosePasswordSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((data) => data.password === data.confirmPassword, { message: "The two passwords differ", path: ["confirmPassword"] });

type Purpose = (typeof accountLinks.$inferSelect)["purpose"];

function newToken(): string {
  return randomBytes(16).toString("base64url");
}

const isOpen = (now: Date) => and(isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt), gt(accountLinks.expiresAt, now));

/** Withdraws the open links of one kind for an address or a person: a new link replaces them. */
async function withdrawOpen(purpose: Purpose, match: ReturnType<typeof eq>, db: Db) {
  await db
    .update(accountLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(accountLinks.purpose, purpose), match, isOpen(new Date())));
}

export async function createInvitation(actor: CurrentUser, input: unknown, ip: string, db: Db = getDb()) {
  const data = parseInput(invitationSchema, input);
  if (await findUserByEmail(data.email, db)) throw new EmailTakenError(data.email);
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const id = await db.transaction(async (tx) => {
    await withdrawOpen("invitation", eq(accountLinks.email, data.email), tx);
    const [row] = await tx
      .insert(accountLinks)
      .values({ purpose: "invitation", tokenHash: hashToken(token), ...data, createdById: actor.id, expiresAt })
      .returning({ id: accountLinks.id });
    await recordAudit(
      { actorId: actor.id, action: "invitation.create", targetType: "invitation", targetId: row!.id, details: { email: data.email, role: data.role }, ip },
      tx,
    );
    return row!.id;
  });
  return { id, token, expiresAt };
}

export async function createPasswordResetLink(actor: CurrentUser, userId: number, ip: string, db: Db = getDb()) {
  const [target] = await db.select({ email: users.email, name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!target) throw new RuleError("That person no longer exists.");
  if (target.disabledAt) throw new RuleError("Enable the account first: a disabled account cannot sign in.");
  const token = newToken();
  const expiresAt = new Date(Date.now() + RESET_LIFETIME_MS);
  await db.transaction(async (tx) => {
    await withdrawOpen("password_reset", eq(accountLinks.userId, userId), tx);
    const [row] = await tx
      .insert(accountLinks)
      .values({ purpose: "password_reset", tokenHash: hashToken(token), email: target.email, name: target.name, userId, createdById: actor.id, expiresAt })
      .returning({ id: accountLinks.id });
    await recordAudit({ actorId: actor.id, action: "user.reset_link_create", targetType: "user", targetId: userId, details: { link: row!.id }, ip }, tx);
  });
  return { token, expiresAt };
}

/** Withdraws a pending invitation; false when it was already used, withdrawn or expired. */
export async function revokeInvitation(actor: CurrentUser, invitationId: number, ip: string, db: Db = getDb()): Promise<boolean> {
  const rows = await db
    .update(accountLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(accountLinks.id, invitationId), eq(accountLinks.purpose, "invitation"), isOpen(new Date())))
    .returning({ email: accountLinks.email });
  if (rows.length === 0) return false;
  await recordAudit({ actorId: actor.id, action: "invitation.revoke", targetType: "invitation", targetId: invitationId, details: { email: rows[0]!.email }, ip }, db);
  return true;
}

/** Invitations not yet used, withdrawn or expired, soonest to expire first. */
export async function listPendingInvitations(db: Db = getDb()) {
  return db
    .select({ id: accountLinks.id, email: accountLinks.email, name: accountLinks.name, role: accountLinks.role, expiresAt: accountLinks.expiresAt })
    .from(accountLinks)
    .where(and(eq(accountLinks.purpose, "invitation"), isOpen(new Date())))
    .orderBy(asc(accountLinks.expiresAt), asc(accountLinks.id));
}

/** What an open link's page shows (whose, which role), or null for any link that no longer works. */
export async function findOpenLink(token: string, purpose: Purpose, db: Db = getDb()) {
  if (token.length > 100) return null;
  const [row] = await db
    .select({ email: accountLinks.email, name: accountLinks.name, role: accountLinks.role })
    .from(accountLinks)
    .where(and(eq(accountLinks.tokenHash, hashToken(token)), eq(accountLinks.purpose, purpose), isOpen(new Date())));
  return row ?? null;
}

/** Marks the link used, if it still works: the one statement that makes a link single-use. */
async function spendLink(token: string, purpose: Purpose, db: Db) {
  if (token.length > 100) throw new LinkGoneError();
  const now = new Date();
  const [row] = await db
    .update(accountLinks)
    .set({ usedAt: now })
    .where(and(eq(accountLinks.tokenHash, hashToken(token)), eq(accountLinks.purpose, purpose), isOpen(now)))
    .returning();
  if (!row) throw new LinkGoneError();
  return row;
}

/** The invitee chose a password: the account is made with the invitation's name and role. */
export async function acceptInvitation(token: string, input: unknown, ip: string, db: Db = getDb()): Promise<User> {
  const { password } = parseInput(choosePasswordSchema, input);
  return db.transaction(async (tx) => {
    const link = await spendLink(token, "invitation", tx);
    const inviter = link.createdById === null ? null : { id: link.createdById };
    const user = await addPerson(inviter, { email: link.email, name: link.name, role: link.role ?? "writer", password }, ip, tx);
    await tx.update(accountLinks).set({ userId: user.id }).where(eq(accountLinks.id, link.id));
    await recordAudit({ actorId: user.id, action: "invitation.accept", targetType: "invitation", targetId: link.id, details: { email: user.email }, ip }, tx);
    return user;
  });
}

/** The person chose a new password through a reset link: their sessions and API tokens end. */
export async function redeemResetLink(token: string, input: unknown, ip: string, db: Db = getDb()): Promise<void> {
  const { password } = parseInput(choosePasswordSchema, input);
  await db.transaction(async (tx) => {
    const link = await spendLink(token, "password_reset", tx);
    if (link.userId === null) throw new LinkGoneError();
    await setPasswordFromResetLink(link.userId, password, link.id, ip, tx);
  });
}
