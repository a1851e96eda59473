import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { getPublishedAuthor } from "./queries";

// Whether an author has a page depends on which stories are published: kept under the story-list
// tag, which every story write revalidates (lib/cache/invalidate.ts), and so does every edit of a
// profile (lib/authors/commands.ts).

export const getCachedAuthor = cache((slug: string) =>
  cachedRead(["author", slug], [cacheTags.storyLists], () => getPublishedAuthor(slug)),
);
