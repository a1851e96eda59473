import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { getPublishedTag } from "./queries";

// Whether a tag has a page depends on which stories are published: kept under the story-list tag,
// which every story write revalidates (lib/cache/invalidate.ts).

export const getCachedTag = cache((slug: string) =>
  cachedRead(["tag", slug], [cacheTags.storyLists], () => getPublishedTag(slug)),
);
