import { cache } from "react";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { getSectionTree } from "./queries";

export const getCachedSectionTree = cache(() =>
  cachedRead(["section-tree"], [cacheTags.sections], () => getSectionTree()),
);
