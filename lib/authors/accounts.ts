import { eq, like, or } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { authors } from "@/db/schema";
import { slugify } from "@/lib/format/slug";
import { AUTHOR_SLUG_MAX } from "./schemas";

// Every staff account has its own author profile, made with the account (lib/auth/people.ts,
// the first admin in lib/auth/users.ts, the demo accounts), so a writer's first story has their
// byline without anyone setting one up. Editors change it afterwards under Authors.

/** `base`, or `base-2`, `base-3`…: the first that no author has among `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, AUTHOR_SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The author profile linked to the account: the byline a new story of theirs starts with. */
export async function ownAuthorId(userId: number, db: Db = getDb()): Promise<number | null> {
  const [row] = await db.select({ id: authors.id }).from(authors).where(eq(authors.userId, userId));
  return row?.id ?? null;
}

/** The id of the account's author profile: the one it has, or a new one under its name. */
export async function ensureOwnAuthorProfile(account: { id: number; name: string }, db: Db = getDb()): Promise<number> {
  const own = await ownAuthorId(account.id, db);
  if (own) return own;
  const base = slugify(account.name, AUTHOR_SLUG_MAX) || "author";
  for (;;) {
    const rows = await db
      .select({ slug: authors.slug })
      .from(authors)
      .where(or(eq(authors.slug, base), like(authors.slug, `${base}-%`)));
    const slug = firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
    // Another profile may take the slug between the read and the write: then read again.
    const [row] = await db
      .insert(authors)
      .values({ slug, name: account.name, userId: account.id })
      .onConflictDoNothing({ target: authors.slug })
      .returning({ id: authors.id });
    if (row) return row.id;
  }
}

/**
 * A new story's input with the byline its writer gets by default: their own profile, when the
 * input names no bylines at all (an empty list stays empty, and is refused as such).
 */
export async function withOwnByline(account: { id: number }, input: unknown, db: Db = getDb()): Promise<unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input) || "authorIds" in input) return input;
  const own = await ownAuthorId(account.id, db);
  return own ? { ...input, authorIds: [own] } : input;
}
