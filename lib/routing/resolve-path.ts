import { cache } from "react";
import { getCachedSectionTree } from "@/lib/sections/cached";
import { sectionSubtreeIds, type SectionNode, type SectionTree } from "@/lib/sections/queries";
import { isCachedCursorValid, lookupCachedStorySlug } from "@/lib/stories/cached";
import type { StoryLookup } from "@/lib/stories/queries";
import { isIdText } from "@/lib/validation/ids";

// What a public path under the catch-all route is: home, a section (maybe an older page of it),
// an article, or nothing. An article asked for under another section is not found: its URL is
// exact. Old URLs of moved stories are answered by the server from the redirects table.

export type ResolvedPath =
  | { kind: "home" }
  | { kind: "section"; section: SectionNode; before: number | null }
  | { kind: "article"; storyId: number; path: string }
  | { kind: "gone" }
  | { kind: "not-found" };

const SEGMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Section pages paginate as /<section>/_before/<story id> (next.config.js rewrites ?before=). */
const PAGE_MARKER = "_before";

export async function resolvePath(
  segments: string[],
  tree: SectionTree,
  lookupSlug: (slug: string) => Promise<StoryLookup>,
): Promise<ResolvedPath> {
  if (segments.length === 0) return { kind: "home" };

  const markerAt = segments.length - 2;
  if (segments[markerAt] === PAGE_MARKER) {
    const section = tree.byPath[segments.slice(0, markerAt).join("/")];
    const before = Number(segments[markerAt + 1]);
    if (!section || !isIdText(segments[markerAt + 1])) return { kind: "not-found" };
    return { kind: "section", section, before };
  }

  if (!segments.every((segment) => SEGMENT.test(segment))) return { kind: "not-found" };
  const section = tree.byPath[segments.join("/")];
  if (section) return { kind: "section", section, before: null };
  if (segments.length < 2) return { kind: "not-found" };

  const lookup = await lookupSlug(segments.at(-1)!);
  const requested = `/${segments.join("/")}`;
  switch (lookup.state) {
    case "published":
      return lookup.path === requested
        ? { kind: "article", storyId: lookup.id, path: lookup.path }
        : { kind: "not-found" };
    case "gone":
      return { kind: "gone" };
    case "missing":
      return { kind: "not-found" };
  }
}

/**
 * resolvePath with the cached section tree and story lookups, shared by a page and its metadata;
 * an older page of a section whose cursor is not one of its published stories is not found.
 */
export const resolvePublicPath = cache(async (joinedPath: string) => {
  const segments = joinedPath === "" ? [] : joinedPath.split("/");
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const tree = await getCachedSectionTree();
  let resolved = await resolvePath(decoded, tree, lookupCachedStorySlug);
  // An older page starts after a published story of that section; any other id is no page.
  if (resolved.kind === "section" && resolved.before !== null && !(await isCachedCursorValid(resolved.before, sectionSubtreeIds(resolved.section)))) {
    resolved = { kind: "not-found" };
  }
  return { tree, resolved };
});
