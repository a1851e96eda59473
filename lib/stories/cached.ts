import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import {
  getPublishedArticle,
  isPublishedStoryInSections,
  listPublishedStories,
  lookupStorySlug,
} from "./queries";

// Cached forms of the public story reads, for pages. React `cache` shares one call between a
// page and its generateMetadata; the data cache shares it between requests until a tag changes.

export const getCachedArticle = cache((id: number) =>
  cachedRead(["article", String(id)], [cacheTags.story(id)], () => getPublishedArticle(id)),
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

export const isCachedCursorValid = cache((storyId: number, sectionIds: number[]) =>
  cachedRead(["story-cursor", String(storyId), sectionIds.join(",")], [cacheTags.storyLists], () =>
    isPublishedStoryInSections(storyId, sectionIds),
  ),
);
