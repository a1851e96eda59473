import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { getDb, type Db } from "@/lib/db";
import { users, type User } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { ensureOwnAuthorProfile } from "@/lib/authors/accounts";
import { generatePassword, hashPassword, PASSWORD_MIN_LENGTH } from "./passwords";
import { canManagePeople, FIRST_ACCOUNT_ROLE, ROLES, rolesThat } from "./roles";

// People who sign in to the newsroom: reads and the commands that change who may do what.

export type Role = User["role"];

export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export const emailSchema = text().trim().toLowerCase().email("Enter an e-mail address").max(200);
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "Use at most 200 characters");
export const newUserSchema = z.object({
  email: emailSchema,
  name: text().trim().min(1, "Enter a name").max(100),
  role: z.enum(ROLES),
  password: passwordSchema,
});

export async function findUserByEmail(email: string, db: Db = getDb()): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row;
}

export async function findUserById(id: number, db: Db = getDb()): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** The user a session belongs to, if the account is enabled and the session is not outdated. */
export async function getActiveUser(id: number, sessionVersion: number, db: Db = getDb()): Promise<CurrentUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, version: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)));
  if (!row || row.version !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export class EmailTakenError extends DomainError {
  constructor(email: string) {
    const message = `Someone already uses ${email}`;
    super(message, 409, { email: message });
  }
}

export async function createUser(input: z.input<typeof newUserSchema>, db: Db = getDb()): Promise<User> {
  const data = newUserSchema.parse(input);
  if (await findUserByEmail(data.email, db)) throw new EmailTakenError(data.email);
  const [row] = await db
    .insert(users)
    .values({ email: data.email, name: data.name, role: data.role, passwordHash: await hashPassword(data.password) })
    .returning();
  return row!;
}

export async function recordSignIn(id: number, db: Db = getDb()): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}

/** One person as the people pages show them, or undefined. */
export async function getPerson(id: number, db: Db = getDb()) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Db = getDb()) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      lastSignInAt: users.lastSignInAt,
      twoFactorOn: sql<boolean>`${users.totpEnabledAt} is not null`,
    })
    .from(users)
    .orderBy(asc(users.name));
}

/**
 * Makes sure the newsroom has an admin. With ADMIN_EMAIL and ADMIN_PASSWORD that account is
 * created; otherwise one with a random password, returned once so the caller can print it.
 */
export async function ensureFirstAdmin(
  settings: { email?: string; password?: string },
  db: Db = getDb(),
): Promise<{ created: false } | { created: true; email: string; password: string | null }> {
  const [admins] = await db.select({ n: count() }).from(users).where(inArray(users.role, rolesThat(canManagePeople)));
  if ((admins?.n ?? 0) > 0) return { created: false };
  const email = settings.email ?? "admin@localhost.test";
  const password = settings.password ?? generatePassword();
  const existing = await findUserByEmail(email, db);
  if (existing) {
    await db
      .update(users)
      .set({ role: FIRST_ACCOUNT_ROLE, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, existing.id));
    await ensureOwnAuthorProfile(existing, db);
    return { created: true, email, password: null };
  }
  // The first admin has a byline of their own too, like every account (lib/authors/accounts.ts).
  await ensureOwnAuthorProfile(await createUser({ email, name: "Administrator", role: FIRST_ACCOUNT_ROLE, password }, db), db);
  return { created: true, email, password: settings.password ? null : password };
}
