import { and, eq, gte, lte, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { auditLog, users } from "@/db/schema";
import { keysetPage, keysetQuery, type KeysetOrder } from "@/lib/pagination/keyset";

// Who did what, when, from where. Written next to every action the issue lists (sign-ins and
// failures, people and roles, publishing, slugs, deletions); admins browse it in /editor/audit.

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string;
}

export async function recordAudit(entry: AuditEntry, db: Db = getDb()): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    details: entry.details ?? {},
    ip: entry.ip ?? null,
  });
}

export interface AuditFilters {
  action?: string;
  actorId?: number;
  since?: Date;
  until?: Date;
  before?: number;
  limit?: number;
}

/** Newest first; ids only grow, so the id alone is the order. */
const newestFirst: KeysetOrder = { table: auditLog, keys: [], id: auditLog.id, direction: "desc" };

/** One page of the log, newest first; `nextCursor` is the `before` of the older page, or null. */
export async function listAuditPage(filters: AuditFilters = {}, db: Db = getDb()) {
  const limit = Math.min(filters.limit ?? 50, 200);
  const keyset = keysetQuery(newestFirst, { cursor: filters.before, limit });
  const conditions: (SQL | undefined)[] = [keyset.where];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.since) conditions.push(gte(auditLog.createdAt, filters.since));
  if (filters.until) conditions.push(lte(auditLog.createdAt, filters.until));
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  return keysetPage(rows, limit);
}
