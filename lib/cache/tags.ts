// Every cache tag of the public site, in one place. A write revalidates the tags of what it
// changed (DESIGN.md, "Rendering and caching"); reads declare the tags they depend on.

export const cacheTags = {
  /** The section tree: navigation, breadcrumbs, section pages. */
  sections: "sections",
  /** Any list of stories: home, section pages, related lists. */
  storyLists: "story-lists",
  /** Live streams: their pages, and the on-air indicator in every page's header. */
  live: "live",
  /** The site settings (name, description, logo, time zone): every page, feed and share card. */
  site: "site",
  /** The front page's pinned stories and the breaking-news banner shown on every page. */
  frontPage: "front-page",
  /** The path rules (301s and 410s) the server answers before any page: lib/routing/path-rules.ts. */
  pathRules: "path-rules",
  /** One story's article page and the cards that show it. */
  story: (id: number) => `story:${id}`,
} as const;
