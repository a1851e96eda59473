import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { listSearchAuthors } from "./queries";

// The search form's author choices change when stories are published or withdrawn: kept under
// the story-list tag, which every story write revalidates, as author pages are.

export const getCachedSearchAuthors = cache(() => cachedRead(["search-authors"], [cacheTags.storyLists], () => listSearchAuthors()));
