import { and, eq, exists } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { authors, media, stories, storyAuthors } from "@/db/schema";
import { mediaUrl } from "@/lib/media/urls";
import type { StoryImage } from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";
import { readAuthorLinks, type AuthorLink } from "./links";

// Public reads of authors. An author has a page only while readers can see one of their stories:
// an unknown slug and an author of drafts alone both answer 404.

export interface PublicAuthor {
  id: number;
  slug: string;
  name: string;
  title: string;
  bio: string;
  photo: StoryImage | null;
  links: AuthorLink[];
}

/** The author at `slug` if at least one of their stories is published now, else null. */
export async function getPublishedAuthor(slug: string, db: Db = getDb()): Promise<PublicAuthor | null> {
  const [row] = await db
    .select({
      id: authors.id,
      slug: authors.slug,
      name: authors.name,
      title: authors.title,
      bio: authors.bio,
      links: authors.links,
      photoKey: media.storageKey,
      photoWidth: media.width,
      photoHeight: media.height,
      photoAlt: media.alt,
    })
    .from(authors)
    .leftJoin(media, eq(media.id, authors.photoMediaId))
    .where(
      and(
        eq(authors.slug, slug),
        exists(
          db
            .select({ one: storyAuthors.storyId })
            .from(storyAuthors)
            .innerJoin(stories, eq(stories.id, storyAuthors.storyId))
            .where(and(eq(storyAuthors.authorId, authors.id), publishedNow)),
        ),
      ),
    );
  if (!row) return null;
  const { photoKey, photoWidth, photoHeight, photoAlt, links, ...author } = row;
  return {
    ...author,
    links: readAuthorLinks(links),
    photo: photoKey && photoWidth && photoHeight ? { src: mediaUrl(photoKey), width: photoWidth, height: photoHeight, alt: photoAlt || author.name } : null,
  };
}
