import { and, eq, exists } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { stories, storyTags, tags } from "@/db/schema";
import { publishedNow } from "@/lib/stories/visibility";

// Public reads of tags. A tag has a page only while readers can see one of its stories: an
// unknown slug and a tag on drafts alone both answer 404 (lib/routing/resolve-path's caller).

export interface PublicTag {
  id: number;
  slug: string;
  name: string;
}

/** The tag at `slug` if at least one of its stories is published now, else null. */
export async function getPublishedTag(slug: string, db: Db = getDb()): Promise<PublicTag | null> {
  const [row] = await db
    .select({ id: tags.id, slug: tags.slug, name: tags.name })
    .from(tags)
    .where(
      and(
        eq(tags.slug, slug),
        exists(
          db
            .select({ one: storyTags.storyId })
            .from(storyTags)
            .innerJoin(stories, eq(stories.id, storyTags.storyId))
            .where(and(eq(storyTags.tagId, tags.id), publishedNow)),
        ),
      ),
    );
  return row ?? null;
}
