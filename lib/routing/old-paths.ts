import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { authors, oldPaths, sections, stories, tags } from "@/db/schema";
import { authorFeedPath, sectionFeedPath, siteFeedPaths, tagFeedPath } from "@/lib/feeds/addresses";
import { getDb, type Db } from "@/lib/db";
import { isPublishedNow } from "@/lib/stories/visibility";
import { storyPath } from "@/lib/stories/queries";
import { mayBeOldAddress, oldPathLookupKey } from "./old-path-key";
import type { PathRule } from "./path-rules";
import { authorPath, tagPath } from "./public-urls";

// The old addresses of an imported site (`old_paths`, written by lib/import/old-urls.ts) as the
// server's answers: a 301 to where the story, section, tag or author (or its feed) is now, a 410
// for a story withdrawn or deleted for good since. An archive has tens of thousands of them, so unlike the path rules
// they are not held in memory: the server asks the database only for a request that no page of
// ours answers (oldPathLookupKey), and keeps the last answers, found or not, in a small LRU for
// ANSWER_TTL_MS — emptied at once by a write in this process (invalidatePathRules), and bounding
// how long an import or another instance's write takes to show here.

const LRU_SIZE = 1000;
const ANSWER_TTL_MS = 30_000;

const storySection = alias(sections, "story_section");

/** Where `key` leads now, read from the database; undefined when it leads nowhere readers may go. */
export async function lookupOldPath(db: Db, key: string): Promise<PathRule | undefined> {
  const [row] = await db
    .select({
      feed: oldPaths.feed,
      storyId: oldPaths.storyId,
      storySlug: stories.slug,
      status: stories.status,
      publishedAt: stories.publishedAt,
      storySectionPath: storySection.path,
      sectionPath: sections.path,
      tagSlug: tags.slug,
      authorSlug: authors.slug,
    })
    .from(oldPaths)
    .leftJoin(stories, eq(stories.id, oldPaths.storyId))
    .leftJoin(storySection, eq(storySection.id, stories.sectionId))
    .leftJoin(sections, eq(sections.id, oldPaths.sectionId))
    .leftJoin(tags, eq(tags.id, oldPaths.tagId))
    .leftJoin(authors, eq(authors.id, oldPaths.authorId))
    .where(eq(oldPaths.path, key))
    .limit(1);
  if (!row) return undefined;
  let location: string;
  if (row.storyId !== null) {
    if (row.status === "unpublished") return { status: 410 };
    if (!row.storySlug || !row.storySectionPath || !row.status || !isPublishedNow({ status: row.status, publishedAt: row.publishedAt })) return undefined;
    location = storyPath(row.storySectionPath, row.storySlug);
  } else if (row.sectionPath) location = row.feed ? sectionFeedPath(row.sectionPath) : `/${row.sectionPath}`;
  else if (row.tagSlug) location = row.feed ? tagFeedPath(row.tagSlug) : tagPath(row.tagSlug);
  else if (row.authorSlug) location = row.feed ? authorFeedPath(row.authorSlug) : authorPath(row.authorSlug);
  else if (row.feed) location = siteFeedPaths.rss;
  // Its story was deleted for good (lib/stories/trash.ts): gone, as the story's own address is.
  else return { status: 410 };
  // An old address that is the new one too (a slug kept under the same section) is the page itself.
  return location === key ? undefined : { status: 301, location };
}

const answers = new Map<string, { rule: PathRule | undefined; at: number }>();

/** Forget every kept answer (a story, section, tag or author changed its address in this process). */
export function forgetOldPathAnswers(): void {
  answers.clear();
}

/**
 * The answer for a request the path rules left unanswered: a 301 or 410 when it is an imported
 * old address, undefined otherwise. The query of a `/?p=123` address is not carried over to the
 * new one; any other address keeps its query, as the other redirects do.
 */
export async function matchOldPath(
  pathname: string,
  search: string,
  sectionTest: () => Promise<(path: string) => boolean>,
  db: () => Db = getDb,
): Promise<{ rule: PathRule; keepQuery: boolean } | undefined> {
  // The site's own addresses (home, Live, feeds, files) pass without waiting for the sections.
  if (!mayBeOldAddress(pathname, search)) return undefined;
  const key = oldPathLookupKey(pathname, search, await sectionTest());
  if (!key) return undefined;
  const now = Date.now();
  let kept = answers.get(key);
  if (kept && now - kept.at > ANSWER_TTL_MS) kept = undefined;
  if (kept) {
    // Most recently used last: the first entry is the one to evict.
    answers.delete(key);
    answers.set(key, kept);
  } else {
    kept = { rule: await lookupOldPath(db(), key), at: now };
    answers.delete(key);
    answers.set(key, kept);
    if (answers.size > LRU_SIZE) answers.delete(answers.keys().next().value!);
  }
  return kept.rule && { rule: kept.rule, keepQuery: !key.startsWith("/?") };
}
