import { randomBytes } from "node:crypto";
import { canRevokeAnyToken } from "./roles";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { apiTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { DomainError, ForbiddenError, ValidationError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/dates";
import { isStorableText, UNSTORABLE_TEXT } from "@/lib/validation/text";
import { hashToken } from "./token-hash";
import type { CurrentUser } from "./users";

// Personal API tokens for scripts and wire ingest. Only a SHA-256 of the token is stored; the
// token itself is shown once. A token acts with its owner's current role, expires after the
// lifetime chosen at creation, and stops working when it is revoked, its owner is disabled, or
// the trust it was made under ends (a password reset or change, a demotion: lib/auth/people.ts).

const PREFIX = "mrd_";
const DAY_MS = 86_400_000;

/** The lifetimes offered, in days; null never expires. */
export const TOKEN_LIFETIMES = [30, 90, 365, null] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = 90;

/** The form's choice ("30", "90", "365" or "never") as days, or null for never. */
export const tokenLifetimeSchema = z
  .enum(["30", "90", "365", "never"], { message: "Choose 30, 90 or 365 days, or never" })
  .transform((value): TokenLifetime => (value === "never" ? null : (Number(value) as TokenLifetime)));

/** A token that was valid until its expiry: answered 401 with a message saying so. */
export class ApiTokenExpiredError extends DomainError {
  constructor(expiredAt: Date) {
    super(`That API token expired on ${formatDateTime(expiredAt.toISOString())}. Create a new one under Account.`, 401);
  }
}

export async function createApiToken(
  owner: CurrentUser,
  input: { name: string; expiresInDays: number | null },
  ip?: string,
  db: Db = getDb(),
) {
  const label = input.name.trim();
  if (!label || label.length > 80) throw new ValidationError({ name: "Name the token (up to 80 characters)" });
  if (!isStorableText(label)) throw new ValidationError({ name: UNSTORABLE_TEXT });
  if (!(TOKEN_LIFETIMES as readonly (number | null)[]).includes(input.expiresInDays)) {
    throw new ValidationError({ expiresIn: "Choose 30, 90 or 365 days, or never" });
  }
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * DAY_MS);
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: owner.id, name: label, tokenHash: hashToken(token), expiresAt })
    .returning({ id: apiTokens.id });
  await recordAudit(
    { actorId: owner.id, action: "token.create", targetType: "api_token", targetId: row!.id, details: { name: label, expiresAt }, ip },
    db,
  );
  return { id: row!.id, token };
}

/**
 * Revokes one token: one's own, or anyone's for an admin (ForbiddenError otherwise). False when
 * it was already revoked or does not exist.
 */
export async function revokeApiToken(actor: CurrentUser, tokenId: number, ip?: string, db: Db = getDb()): Promise<boolean> {
  const [token] = await db.select({ userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, tokenId));
  if (!token) return false;
  if (token.userId !== actor.id && !canRevokeAnyToken(actor)) throw new ForbiddenError("You do not have permission to revoke someone else's token.");
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length) {
    await recordAudit(
      { actorId: actor.id, action: "token.revoke", targetType: "api_token", targetId: tokenId, details: { ownerId: token.userId }, ip },
      db,
    );
  }
  return rows.length > 0;
}

/** Revokes every live token of a person; the caller's audit entry records the count. */
export async function revokeAllApiTokens(userId: number, db: Db = getDb()): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** A person's tokens, newest first, each with its state now: active, expired or revoked. */
export async function listApiTokens(ownerId: number, db: Db = getDb()) {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, ownerId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  const now = new Date();
  return rows.map((row) => ({
    ...row,
    state: row.revokedAt ? ("revoked" as const) : row.expiresAt && row.expiresAt <= now ? ("expired" as const) : ("active" as const),
  }));
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

/** The token's owner, null for an unknown or revoked token; ApiTokenExpiredError once it expired. */
/**
 * How stale "Last used" may be: a token used again within it is not written again. The Account
 * page shows the minute; a script calling the API many times a second wrote its token's row on
 * every call (a third of the related-story search's database time).
 */
export const LAST_USED_PRECISION_MS = 60_000;

export async function authenticateApiToken(token: string, db: Db = getDb()): Promise<CurrentUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (!row) return null;
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) throw new ApiTokenExpiredError(row.expiresAt);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
