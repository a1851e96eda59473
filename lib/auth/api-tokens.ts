import { createHash, randomBytes } from "node:crypto";
import { isStorableText, UNSTORABLE_TEXT } from "@/lib/validation/text";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { ValidationError } from "@/lib/errors";
import type { CurrentUser } from "./users";

// Personal API tokens for scripts and wire ingest. Only a SHA-256 of the token is stored; the
// token itself is shown once. A token acts with its owner's current role, and stops working when
// it is revoked or its owner is disabled.

const PREFIX = "mrd_";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(owner: CurrentUser, name: string, ip?: string, db: Db = getDb()) {
  const label = name.trim();
  if (!label || label.length > 80) throw new ValidationError({ name: "Name the token (up to 80 characters)" });
  if (!isStorableText(label)) throw new ValidationError({ name: UNSTORABLE_TEXT });
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db.insert(apiTokens).values({ userId: owner.id, name: label, tokenHash: hashToken(token) }).returning({ id: apiTokens.id });
  await recordAudit({ actorId: owner.id, action: "token.create", targetType: "api_token", targetId: row!.id, details: { name: label }, ip }, db);
  return { id: row!.id, token };
}

export async function revokeApiToken(owner: CurrentUser, tokenId: number, ip?: string, db: Db = getDb()): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, owner.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length) await recordAudit({ actorId: owner.id, action: "token.revoke", targetType: "api_token", targetId: tokenId, ip }, db);
  return rows.length > 0;
}

export async function listApiTokens(ownerId: number, db: Db = getDb()) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, ownerId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function authenticateApiToken(token: string, db: Db = getDb()): Promise<CurrentUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, id: users.id, email: users.email, name: users.name, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
