import { Feed, type Item } from "feed";
import { absoluteUrl, authorPath, tagPath } from "@/lib/routing/public-urls";
import { escapeHtml, renderBodyHtml } from "./body-html";
import type { FeedStory } from "./queries";

// Turns a list of stories into RSS 2.0, Atom 1.0 or JSON Feed 1.1 with the `feed` library. What
// the library leaves to its caller is done here: attribute values escaped (it writes them as
// given), characters XML cannot carry removed, HTML-typed Atom titles escaped, RSS bylines as
// dc:creator (RSS's own <author> wants an e-mail address), the hero image as media:content, and
// its JSON Feed 1.0 output lifted to 1.1 (`authors`, `language`).

export type FeedFormat = "rss" | "atom" | "json";

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows (home, section, tag or author page). */
  pageUrl: string;
  /** Absolute URLs of this feed in each format it exists in; RSS always. */
  feedUrls: { rss: string; atom?: string; json?: string };
  siteUrl: string;
  language: string;
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

const MEDIA_RSS = "http://search.yahoo.com/mrss/";
const DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";

/**
 * An id a reader keys the item on: the story's id, not its URL, so a changed slug or section does
 * not make the story new again. A tag URI (RFC 4151) on the site's host, valid in all three formats.
 */
export function storyGuid(storyId: number, siteUrl: string): string {
  return `tag:${new URL(siteUrl).hostname},2024:story:${storyId}`;
}

/** What XML 1.0 cannot contain at all: C0 controls but tab and newlines, lone surrogates, U+FFFE/F. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;
const stripNonXml = (text: string) => text.replace(NOT_XML, "");

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** The newest change among the items: the feed's Last-Modified and `updated`. */
export function newestChange(items: FeedStory[]): Date | null {
  const times = items.map((item) => Date.parse(item.revisedAt ?? item.publishedAt));
  return times.length ? new Date(Math.max(...times)) : null;
}

function rssExtensions(story: FeedStory, siteUrl: string): Item["extensions"] {
  const extensions: NonNullable<Item["extensions"]> = [];
  if (story.bylines.length) {
    // Declared here too: the library declares the dc prefix only on feeds with full text.
    extensions.push({ name: "dc:creator", objects: { _attributes: { "xmlns:dc": DUBLIN_CORE }, _text: story.bylines.map((b) => b.name).join(", ") } });
  }
  if (story.image && story.heroMimeType) {
    const { src, width, height } = story.image;
    extensions.push({
      name: "media:content",
      objects: {
        _attributes: {
          "xmlns:media": MEDIA_RSS,
          url: escapeAttribute(absoluteUrl(src, siteUrl)),
          type: escapeAttribute(story.heroMimeType),
          medium: "image",
          width,
          height,
        },
      },
    });
  }
  return extensions;
}

/**
 * The section and the tags. RSS writes a category's name as text (escaped) and its domain as an
 * attribute (not escaped); Atom writes label and term as attributes with only "&" escaped, so the
 * term is the slug and the label drops the two characters it could not carry.
 */
function categoriesOf(story: FeedStory, format: FeedFormat, siteUrl: string): Item["category"] {
  const subjects = [
    { name: story.sectionName, slug: story.sectionPath, url: `${siteUrl}/${story.sectionPath}` },
    ...story.tags.map((tag) => ({ name: tag.name, slug: tag.slug, url: `${siteUrl}${tagPath(tag.slug)}` })),
  ];
  return subjects.map(({ name, slug, url }) =>
    format === "atom"
      ? { name: name.replace(/[<"]/g, ""), term: slug, scheme: url.slice(0, url.length - slug.length) }
      : { name, domain: escapeAttribute(url) },
  );
}

function itemOf(story: FeedStory, format: FeedFormat, siteUrl: string): Item {
  const absolute = (path: string) => absoluteUrl(path, siteUrl);
  const guid = storyGuid(story.id, siteUrl);
  return {
    // RSS titles are plain text (in CDATA); Atom's are typed HTML; JSON's are plain.
    title: format === "atom" ? escapeHtml(story.headline) : story.headline,
    id: guid,
    guid,
    link: absolute(story.path),
    date: new Date(story.revisedAt ?? story.publishedAt),
    published: new Date(story.publishedAt),
    description: format === "json" ? story.deck : escapeHtml(story.deck),
    content: renderBodyHtml(story.body, { siteUrl, related: story.related, media: story.media }),
    author:
      format === "rss" || story.bylines.length === 0
        ? undefined
        : story.bylines.map((b) => ({ name: b.name, link: absolute(authorPath(b.slug)) })),
    category: categoriesOf(story, format, siteUrl),
    image: format === "json" && story.image ? absolute(story.image.src) : undefined,
    extensions: format === "rss" ? rssExtensions(story, siteUrl) : undefined,
  };
}

type JsonFeed = Record<string, unknown> & { items: Record<string, unknown>[] };

/** The library writes JSON Feed 1.0; 1.1 names authors as a list and adds the language. */
function toJsonFeed11(json: string, channel: FeedChannel, stories: FeedStory[]): string {
  const feed = JSON.parse(json) as JsonFeed;
  feed.version = "https://jsonfeed.org/version/1.1";
  feed.language = channel.language;
  feed.items = feed.items.map((item, index) => {
    const bylines = stories[index]!.bylines;
    const lifted: Record<string, unknown> = { ...item };
    delete lifted.author;
    if (bylines.length) lifted.authors = bylines.map((b) => ({ name: b.name, url: `${channel.siteUrl}${authorPath(b.slug)}` }));
    return lifted;
  });
  return JSON.stringify(feed);
}

/** The feed document in `format`; `stories` newest first. */
export function buildFeed(channel: FeedChannel, stories: FeedStory[], format: FeedFormat): string {
  const feed = new Feed({
    id: channel.pageUrl,
    title: channel.title,
    description: channel.description,
    link: channel.pageUrl,
    language: channel.language,
    // Never the time of the request: the same stories must give the same bytes (and ETag).
    updated: newestChange(stories) ?? new Date(0),
    generator: false,
    favicon: `${channel.siteUrl}/icon.svg`,
    feedLinks: { ...channel.feedUrls },
  });
  for (const story of stories) feed.addItem(itemOf(story, format, channel.siteUrl));
  switch (format) {
    case "rss":
      return stripNonXml(feed.rss2());
    case "atom":
      return stripNonXml(feed.atom1());
    case "json":
      return toJsonFeed11(feed.json1(), channel, stories);
  }
}
