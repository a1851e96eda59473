import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { auditLog, users } from "@/db/schema";

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

export async function listAudit(filters: AuditFilters = {}, db: Db = getDb()) {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.since) conditions.push(gte(auditLog.createdAt, filters.since));
  if (filters.until) conditions.push(lte(auditLog.createdAt, filters.until));
  if (filters.before) conditions.push(lt(auditLog.id, filters.before));
  return db
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
    .orderBy(desc(auditLog.id))
    .limit(Math.min(filters.limit ?? 50, 200));
}
