import { cache } from "react";
import { cachedRead } from "@/lib/cache/cached-read";
import { cacheTags } from "@/lib/cache/tags";
import { readBanner, type Banner } from "./banner";
import { readFrontPagePicks, type FrontPagePicks } from "./pins";

// Cached forms of the front page's reads, for pages: refreshed when editors change them (the
// front-page tag) and when any story is published, edited or pulled (the story-list tag).

export const getCachedFrontPagePicks = cache(
  (): Promise<FrontPagePicks> => cachedRead(["front-page-picks"], [cacheTags.frontPage, cacheTags.storyLists], () => readFrontPagePicks()),
);

export const getCachedBanner = cache(
  (): Promise<Banner | null> => cachedRead(["breaking-banner"], [cacheTags.frontPage, cacheTags.storyLists], () => readBanner()),
);
