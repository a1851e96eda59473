import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/transaction";
import { relatedStories, storyAuthors, storyTags, tags, type Story } from "@/db/schema";
import { storedTags, type StoryInput } from "./schemas";

// When a published story says "Updated": a save that changes what its readers see — headline,
// deck, body, section (its breadcrumb), hero image with its alt text, caption and credit, bylines,
// tags and related stories. A save that changes nothing there does not: a save with no changes, the
// SEO title and description (search engines' copy), the slug (the address; old ones answer 301)
// or whether comments are open. revisedAt follows this rule, and with it the "Updated" line, the
// sitemaps' lastmod, the feeds' dates and NewsArticle's dateModified.

/** JSON with object keys sorted: the stored body (jsonb reorders keys) and a parsed one compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) =>
    node && typeof node === "object" && !Array.isArray(node) ? Object.fromEntries(Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : node,
  );
}

const sameList = <T,>(a: T[], b: T[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/** Tags as readers get them: by slug, in the order lib/stories/commands.ts stores them. */
const tagSlugs = (names: string[]) => storedTags(names).map(([slug]) => slug);

/** Whether saving `input` over `story` (its row and relations, read in the saving transaction) changes what readers see. */
export async function changesWhatReadersSee(tx: Tx, story: Story, input: StoryInput): Promise<boolean> {
  const fields = ["headline", "deck", "sectionId", "heroMediaId", "heroAlt", "heroCaption", "heroCredit"] as const;
  if (fields.some((field) => story[field] !== input[field])) return true;
  if (canonicalJson(story.body) !== canonicalJson(input.body)) return true;
  const [authorRows, tagRows, relatedRows] = await Promise.all([
    tx.select({ id: storyAuthors.authorId }).from(storyAuthors).where(eq(storyAuthors.storyId, story.id)).orderBy(asc(storyAuthors.position)),
    tx.select({ slug: tags.slug }).from(storyTags).innerJoin(tags, eq(tags.id, storyTags.tagId)).where(eq(storyTags.storyId, story.id)).orderBy(asc(storyTags.position)),
    tx.select({ id: relatedStories.relatedId }).from(relatedStories).where(eq(relatedStories.storyId, story.id)).orderBy(asc(relatedStories.position)),
  ]);
  return (
    !sameList(authorRows.map((row) => row.id), [...new Set(input.authorIds)]) ||
    !sameList(tagRows.map((row) => row.slug), tagSlugs(input.tags)) ||
    !sameList(relatedRows.map((row) => row.id), [...new Set(input.relatedIds)])
  );
}
