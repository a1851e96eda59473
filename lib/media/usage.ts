import { eq, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { authors, liveStreams, media, stories, users } from "@/db/schema";
import { readSiteSettings } from "@/lib/settings/site";
import { mediaUrl } from "./urls";

// Where an image of the library is used: a story's hero or body (in the trash too: it may come
// back), an author's photo, a live stream's poster, the site's logo. An image used anywhere cannot be deleted, and
// the newsroom shows these, each with a link. Old revisions do not count: restoring one whose
// image has gone asks for another (lib/stories/commands.ts checkReferences).

export interface MediaUse {
  kind: "story" | "author" | "stream" | "site";
  /** What uses it: a headline, a name, a stream's title. */
  label: string;
  /** How: "hero image", "in the body", "photo", "poster", "logo"; ", in the trash" added for a trashed story. */
  role: string;
  /** The newsroom page (or, for an author, the public page) where it is used. */
  href: string;
}

/** A story body with this image among its blocks (images are top-level blocks, lib/stories/document.ts). */
const bodyHasImage = (id: number) => sql`${stories.body} @> ${JSON.stringify({ content: [{ type: "image", attrs: { mediaId: id } }] })}::jsonb`;

/** A use with what it is, for refreshing the pages that show it. */
type Located = MediaUse & ({ kind: "story"; storyId: number } | { kind: "author"; authorSlug: string } | { kind: "stream" } | { kind: "site" });

async function locateUses(id: number, db: Db): Promise<Located[]> {
  const [storyRows, authorRows, streamRows, site] = await Promise.all([
    db
      .select({ id: stories.id, headline: stories.headline, heroMediaId: stories.heroMediaId, inBody: bodyHasImage(id).mapWith(Boolean), trashedAt: stories.trashedAt })
      .from(stories)
      .where(or(eq(stories.heroMediaId, id), bodyHasImage(id)))
      .orderBy(stories.id),
    db.select({ slug: authors.slug, name: authors.name }).from(authors).where(eq(authors.photoMediaId, id)).orderBy(authors.name),
    db.select({ title: liveStreams.title }).from(liveStreams).where(eq(liveStreams.posterMediaId, id)).orderBy(liveStreams.id),
    readSiteSettings(db),
  ]);
  return [
    ...storyRows.map((row) => ({
      kind: "story" as const,
      storyId: row.id,
      label: row.headline,
      role: [row.heroMediaId === id && "hero image", row.inBody && "in the body"].filter(Boolean).join(" and ") + (row.trashedAt ? ", in the trash" : ""),
      href: `/editor/stories/${row.id}`,
    })),
    ...authorRows.map((row) => ({ kind: "author" as const, authorSlug: row.slug, label: row.name, role: "photo", href: `/authors/${row.slug}` })),
    ...streamRows.map((row) => ({ kind: "stream" as const, label: row.title, role: "poster", href: "/editor/live" })),
    ...(site.logoMediaId === id ? [{ kind: "site" as const, label: site.name, role: "logo", href: "/editor/settings" }] : []),
  ];
}

export async function findMediaUses(id: number, db: Db = getDb()): Promise<MediaUse[]> {
  return (await locateUses(id, db)).map(({ kind, label, role, href }) => ({ kind, label, role, href }));
}

/** The public pages an image shows on, by what shows it: stories, author pages, the live pages, every page (the logo). */
export interface MediaShowings {
  storyIds: number[];
  authorSlugs: string[];
  live: boolean;
  site: boolean;
}

export async function findMediaShowings(id: number, db: Db = getDb()): Promise<MediaShowings> {
  const uses = await locateUses(id, db);
  return {
    storyIds: uses.flatMap((use) => (use.kind === "story" ? [use.storyId] : [])),
    authorSlugs: uses.flatMap((use) => (use.kind === "author" ? [use.authorSlug] : [])),
    live: uses.some((use) => use.kind === "stream"),
    site: uses.some((use) => use.kind === "site"),
  };
}

/** One image with who uploaded it, for its page in the newsroom; null when there is none. */
export async function getMediaDetails(id: number, db: Db = getDb()) {
  const [row] = await db
    .select({
      id: media.id,
      storageKey: media.storageKey,
      alt: media.alt,
      caption: media.caption,
      credit: media.credit,
      fileName: media.fileName,
      width: media.width,
      height: media.height,
      bytes: media.bytes,
      uploadedById: media.uploadedById,
      uploadedByName: users.name,
      createdAt: media.createdAt,
    })
    .from(media)
    .leftJoin(users, eq(users.id, media.uploadedById))
    .where(eq(media.id, id));
  return row ? { ...row, src: mediaUrl(row.storageKey) } : null;
}
