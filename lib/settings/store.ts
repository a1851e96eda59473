import { eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { settings } from "@/db/schema";

// Site-wide settings kept in the database, so every instance reads the same values. Never a
// secret: a copy of the database must not carry keys.

export async function getSetting<T>(key: string, db: Db = getDb()): Promise<T | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

/** A setting's stored value as a subquery (null when unset), for a read that needs it with its rows. */
export function storedSetting(key: string): SQL<unknown> {
  return sql`(select ${settings.value} from ${settings} where ${settings.key} = ${key})`;
}

export async function setSetting(key: string, value: unknown, db: Db = getDb()): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/**
 * Deletes the session secret older versions kept here ("auth_secret"): keys never live in the
 * database (lib/auth/keys.ts). True when there was one — sessions it signed have ended.
 */
export async function deleteStoredAuthSecret(db: Db = getDb()): Promise<boolean> {
  const rows = await db.delete(settings).where(eq(settings.key, "auth_secret")).returning({ key: settings.key });
  return rows.length > 0;
}

/** Deletes a setting; true when there was one. */
export async function deleteSetting(key: string, db: Db = getDb()): Promise<boolean> {
  const rows = await db.delete(settings).where(eq(settings.key, key)).returning({ key: settings.key });
  return rows.length > 0;
}
