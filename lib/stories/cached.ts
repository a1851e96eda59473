import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import {
  getPublishedArticle,
  isPublishedStoryInList,
  listPublishedStories,
  lookupStorySlug,
  type StoryListFilter,
} from "./queries";

// Cached forms of the public story reads, for pages. React `cache` shares one call between a
// page and its generateMetadata; the data cache shares it between requests until a tag changes.

/**
 * Tagged with the story lists as well as the story: its related stories are other stories, so a
 * publish or an unpublish anywhere reads it again (the page is regenerated then anyway: its
 * address lookup carries the same tag).
 */
export const getCachedArticle = cache((id: number) =>
  cachedRead(["article", String(id)], [cacheTags.story(id), cacheTags.storyLists], () => getPublishedArticle(id)),
);

export const lookupCachedStorySlug = cache((slug: string) =>
  cachedRead(["story-slug", slug], [cacheTags.storyLists], () => lookupStorySlug(slug)),
);

export const listCachedStories = cache(
  (sectionIds: number[] | null, before: number | null, limit: number, excludeIds: number[] = []) =>
    cachedRead(
      ["story-list", sectionIds?.join(",") ?? "all", String(before ?? ""), String(limit), excludeIds.join(",")],
      [cacheTags.storyLists],
      () =>
        listPublishedStories({
          sectionIds: sectionIds ?? undefined,
          before: before ?? undefined,
          limit,
          excludeIds,
        }),
    ),
);

/** The cache key of a list filter: the same list always reads the same entry. */
const filterKey = ({ sectionIds, tagId, authorId }: StoryListFilter) =>
  `sections=${sectionIds?.join(",") ?? ""};tag=${tagId ?? ""};author=${authorId ?? ""}`;

export const isCachedCursorValid = cache((storyId: number, filter: StoryListFilter) =>
  cachedRead(["story-cursor", String(storyId), filterKey(filter)], [cacheTags.storyLists], () =>
    isPublishedStoryInList(storyId, filter),
  ),
);

/** One page of a tag's or an author's published stories (the section pages use listCachedStories). */
export const listCachedStoriesOf = cache((filter: { tagId: number } | { authorId: number }, before: number | null, limit: number) =>
  cachedRead(["story-list-of", filterKey(filter), String(before ?? ""), String(limit)], [cacheTags.storyLists], () =>
    listPublishedStories({ ...filter, before: before ?? undefined, limit }),
  ),
);
