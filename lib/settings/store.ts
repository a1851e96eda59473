import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { settings } from "@/db/schema";

// Site-wide settings kept in the database, so every instance reads the same values.

export async function getSetting<T>(key: string, db: Db = getDb()): Promise<T | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown, db: Db = getDb()): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/**
 * The secret that signs sessions: AUTH_SECRET when set, otherwise one generated on first start and
 * kept in the database so every instance and every restart agree on it.
 */
export async function ensureAuthSecret(fromEnv: string | undefined, db: Db = getDb()): Promise<string> {
  if (fromEnv) return fromEnv;
  const existing = await getSetting<string>("auth_secret", db);
  if (existing) return existing;
  const secret = randomBytes(32).toString("base64url");
  await db.insert(settings).values({ key: "auth_secret", value: secret }).onConflictDoNothing();
  return (await getSetting<string>("auth_secret", db))!;
}
