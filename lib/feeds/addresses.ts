import type { Metadata } from "next";
import { authorPath, tagPath } from "@/lib/routing/public-urls";

// Where the feeds are, and the autodiscovery links that point at them. Every public page names the
// feed that fits it in its metadata (`alternates.types`), so a reader given any page finds one.
// A section's, tag's or author's feed sits under its page: "feed.xml" cannot be a slug (no dots).

export const FEED_FILE = "feed.xml";
export const siteFeedPaths = { rss: `/${FEED_FILE}`, atom: "/feed.atom", json: "/feed.json" } as const;

export const sectionFeedPath = (sectionPath: string) => `/${sectionPath}/${FEED_FILE}`;
export const tagFeedPath = (slug: string) => `${tagPath(slug)}/${FEED_FILE}`;
export const authorFeedPath = (slug: string) => `${authorPath(slug)}/${FEED_FILE}`;

type AlternateTypes = NonNullable<NonNullable<Metadata["alternates"]>["types"]>;

const rss = (url: string, title: string): AlternateTypes => ({ "application/rss+xml": [{ url, title }] });

/** The site's feeds in all three formats: for the home page. */
export function siteFeedAlternates(siteName: string): AlternateTypes {
  return {
    "application/rss+xml": [{ url: siteFeedPaths.rss, title: `${siteName} (RSS)` }],
    "application/atom+xml": [{ url: siteFeedPaths.atom, title: `${siteName} (Atom)` }],
    "application/feed+json": [{ url: siteFeedPaths.json, title: `${siteName} (JSON Feed)` }],
  };
}

/** The site's RSS feed alone: for pages with no feed of their own. */
export const siteRssAlternates = (siteName: string) => rss(siteFeedPaths.rss, siteName);

/** A section page's feed; an article names its section's feed and the site's. */
export function sectionFeedAlternates(section: { path: string; name: string }, siteName: string, withSite = false): AlternateTypes {
  const own = { url: sectionFeedPath(section.path), title: `${section.name} · ${siteName}` };
  return { "application/rss+xml": withSite ? [own, { url: siteFeedPaths.rss, title: siteName }] : [own] };
}

/** A tag page's feed, for its metadata: `alternates: { canonical, types: tagFeedAlternates(...) }`. */
export const tagFeedAlternates = (tag: { slug: string; name: string }, siteName: string) =>
  rss(tagFeedPath(tag.slug), `${tag.name} · ${siteName}`);

/** An author page's feed, for its metadata. */
export const authorFeedAlternates = (author: { slug: string; name: string }, siteName: string) =>
  rss(authorFeedPath(author.slug), `${author.name} · ${siteName}`);
