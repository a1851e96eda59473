import { asc, count, eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { authors, media, storyAuthors, users } from "@/db/schema";
import type { LibraryItem } from "@/lib/media/queries";
import { mediaUrl } from "@/lib/media/urls";
import { readAuthorLinks, type AuthorLink } from "./links";

// Reads of author profiles for the newsroom: every profile, whether or not readers can see a
// page of it yet (lib/authors/queries.ts has the public reads).

export interface NewsroomAuthor {
  id: number;
  slug: string;
  name: string;
  title: string;
  /** The linked staff account, or null for a contributor without one. */
  account: { id: number; name: string; email: string } | null;
  /** Stories with this byline, in any status. */
  stories: number;
}

export async function listAuthorsForNewsroom(db: Db = getDb()): Promise<NewsroomAuthor[]> {
  const bylines = db
    .select({ authorId: storyAuthors.authorId, n: count().as("n") })
    .from(storyAuthors)
    .groupBy(storyAuthors.authorId)
    .as("bylines");
  const rows = await db
    .select({
      id: authors.id,
      slug: authors.slug,
      name: authors.name,
      title: authors.title,
      accountId: users.id,
      accountName: users.name,
      accountEmail: users.email,
      stories: bylines.n,
    })
    .from(authors)
    .leftJoin(users, eq(users.id, authors.userId))
    .leftJoin(bylines, eq(bylines.authorId, authors.id))
    .orderBy(asc(authors.name), asc(authors.id));
  return rows.map(({ accountId, accountName, accountEmail, stories, ...author }) => ({
    ...author,
    account: accountId !== null && accountName !== null && accountEmail !== null ? { id: accountId, name: accountName, email: accountEmail } : null,
    stories: Number(stories ?? 0),
  }));
}

/** A profile's photo: the library's own description of the image. */
export type AuthorPhoto = Pick<LibraryItem, "id" | "src" | "thumb" | "alt" | "caption" | "credit">;

export interface EditableAuthor {
  id: number;
  slug: string;
  name: string;
  title: string;
  bio: string;
  links: AuthorLink[];
  userId: number | null;
  photo: AuthorPhoto | null;
}

/** One profile as the edit form shows it, or null. */
export async function getAuthorForEditing(id: number, db: Db = getDb()): Promise<EditableAuthor | null> {
  const [row] = await db.select().from(authors).leftJoin(media, eq(media.id, authors.photoMediaId)).where(eq(authors.id, id));
  if (!row) return null;
  const { authors: author, media: photo } = row;
  return {
    id: author.id,
    slug: author.slug,
    name: author.name,
    title: author.title,
    bio: author.bio,
    links: readAuthorLinks(author.links),
    userId: author.userId,
    photo: photo && {
      id: photo.id,
      src: mediaUrl(photo.storageKey),
      thumb: mediaUrl(photo.variants[0]?.storageKey ?? photo.storageKey),
      alt: photo.alt,
      caption: photo.caption,
      credit: photo.credit,
    },
  };
}

/** Staff accounts to link a profile to, with the profile each one has (if any). */
export async function listAccountsForLinking(db: Db = getDb()) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, authorId: authors.id })
    .from(users)
    .leftJoin(authors, eq(authors.userId, users.id))
    .orderBy(asc(users.name), asc(users.id));
}
