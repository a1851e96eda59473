// @ts-check

// Which paths can be section pages. Plain JavaScript because next.config.js reads it too: its
// ?before= rewrite turns only these paths into older pages of a section, and the section
// commands refuse a top-level slug that the app itself answers. One list for both.

/**
 * First segments the app answers (routes, files, rewrites): a section there would be unreachable.
 * "feeds" and "sitemap" have no route yet but are reserved on
 * purpose: DESIGN.md's URL list names them, and a section an editor creates there now would be
 * hidden when they land. "sitemaps" holds the sitemap pages. robots.txt and sitemap.xml need no
 * entry: a slug cannot contain a dot.
 */
export const RESERVED_FIRST_SEGMENTS = Object.freeze(["editor", "api", "media", "live", "preview", "gone", "search", "tags", "authors", "feeds", "sitemap", "sitemaps", "_next"]);

export const MAX_SECTION_DEPTH = 3;

const SEGMENT = "[a-z0-9]+(?:-[a-z0-9]+)*";

/**
 * A section path as a regular expression without anchors (a path-to-regexp parameter pattern):
 * one to MAX_SECTION_DEPTH slug segments, the first not a reserved one.
 */
export const SECTION_PATH_PATTERN = `(?!(?:${RESERVED_FIRST_SEGMENTS.join("|")})(?:/|$))${SEGMENT}(?:/${SEGMENT}){0,${MAX_SECTION_DEPTH - 1}}`;
