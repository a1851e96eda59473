import { cache } from "react";
import { getCachedSectionTree } from "@/lib/sections/cached";
import { sectionSubtreeIds, type SectionNode, type SectionTree } from "@/lib/sections/queries";
import { isCachedCursorValid, listCachedStoriesOf, lookupCachedStorySlug } from "@/lib/stories/cached";
import type { StoryLookup, StoryPage } from "@/lib/stories/queries";
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
/** Lists paginate as <list path>/_before/<story id> (next.config.js rewrites ?before=). */
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
 * A tag's or an author's page from the segments after /tags or /authors: the slug, and the story
 * an older page starts after (/<slug>/_before/<story id>, rewritten from ?before=); null when the
 * path cannot be one.
 */
export function resolveTopicPath(segments: string[]): { slug: string; before: number | null } | null {
  const [slug, marker, cursor] = segments;
  if (slug === undefined || !SEGMENT.test(slug)) return null;
  if (segments.length === 1) return { slug, before: null };
  if (segments.length === 3 && marker === PAGE_MARKER && isIdText(cursor)) return { slug, before: Number(cursor) };
  return null;
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
  if (resolved.kind === "section" && resolved.before !== null && !(await isCachedCursorValid(resolved.before, { sectionIds: sectionSubtreeIds(resolved.section) }))) {
    resolved = { kind: "not-found" };
  }
  return { tree, resolved };
});

/**
 * A tag's or an author's page from its path segments: the topic (`getTopic`, null when it has
 * nothing published) and one page of its stories; null for no page, including an older page
 * whose cursor is not one of the topic's published stories.
 */
export async function loadTopicPage<Topic extends { id: number }>(
  segments: string[],
  getTopic: (slug: string) => Promise<Topic | null>,
  filterOf: (topic: Topic) => { tagId: number } | { authorId: number },
  limit: number,
): Promise<{ topic: Topic; before: number | null; page: StoryPage } | null> {
  const resolved = resolveTopicPath(segments);
  if (!resolved) return null;
  const topic = await getTopic(resolved.slug);
  if (!topic) return null;
  const filter = filterOf(topic);
  if (resolved.before !== null && !(await isCachedCursorValid(resolved.before, filter))) return null;
  return { topic, before: resolved.before, page: await listCachedStoriesOf(filter, resolved.before, limit) };
}
