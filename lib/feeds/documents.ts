import { getSiteSettings } from "@/lib/settings/cached";
import { cacheTags } from "@/lib/cache/tags";
import { cachedRead } from "@/lib/cache/cached-read";
import { env } from "@/lib/env";
import type { MachineDocument } from "@/lib/http/conditional";
import { absoluteUrl, authorPath, tagPath } from "@/lib/routing/public-urls";
import { getCachedSectionTree } from "@/lib/sections/cached";
import { sectionSubtreeIds } from "@/lib/sections/queries";
import { authorFeedPath, sectionFeedPath, siteFeedPaths, tagFeedPath } from "./addresses";
import { buildFeed, FEED_CONTENT_TYPES, newestChange, type FeedChannel, type FeedFormat } from "./build";
import { findFeedSubject, listFeedStories, type FeedScope, type FeedStory } from "./queries";

// A feed request answered as a document for machineResponse, or null when there is no such feed:
// an unknown section, tag or author, or a tag or author with nothing published (their pages
// answer 404 then too). The stories are read through the data cache under the story-list and
// section tags, which every publishing, editing and unpublishing command revalidates.

export type FeedSubject =
  | { kind: "site"; format: FeedFormat }
  | { kind: "section"; path: string }
  | { kind: "tag"; slug: string }
  | { kind: "author"; slug: string };

const FEED_TAGS = [cacheTags.storyLists, cacheTags.sections, cacheTags.site];

const cachedStories = (key: string, scope: FeedScope) => cachedRead(["feed", key], FEED_TAGS, () => listFeedStories(scope));

const cachedSubject = (kind: "tag" | "author", slug: string) =>
  cachedRead(["feed-subject", kind, slug], FEED_TAGS, () => findFeedSubject(kind, slug));

interface Resolved {
  channel: Omit<FeedChannel, "siteUrl" | "language">;
  stories: FeedStory[];
}

async function resolveFeed(subject: FeedSubject): Promise<Resolved | null> {
  const { name: siteName, description: siteDescription } = await getSiteSettings();
  switch (subject.kind) {
    case "site":
      return {
        channel: {
          title: siteName,
          description: siteDescription,
          pageUrl: absoluteUrl("/"),
          feedUrls: { rss: absoluteUrl(siteFeedPaths.rss), atom: absoluteUrl(siteFeedPaths.atom), json: absoluteUrl(siteFeedPaths.json) },
        },
        stories: await cachedStories("site", { kind: "site" }),
      };
    case "section": {
      const section = (await getCachedSectionTree()).byPath[subject.path];
      if (!section) return null;
      return {
        channel: {
          title: `${section.name} · ${siteName}`,
          description: section.description || `The latest from ${section.name}.`,
          pageUrl: absoluteUrl(`/${section.path}`),
          feedUrls: { rss: absoluteUrl(sectionFeedPath(section.path)) },
        },
        stories: await cachedStories(`section:${section.path}`, { kind: "section", sectionIds: sectionSubtreeIds(section) }),
      };
    }
    case "tag":
    case "author": {
      const found = await cachedSubject(subject.kind, subject.slug);
      if (!found) return null;
      const scope: FeedScope = subject.kind === "tag" ? { kind: "tag", tagId: found.id } : { kind: "author", authorId: found.id };
      const stories = await cachedStories(`${subject.kind}:${found.slug}`, scope);
      if (stories.length === 0) return null;
      const isTag = subject.kind === "tag";
      return {
        channel: {
          title: `${found.name} · ${siteName}`,
          description: isTag ? `Stories tagged ${found.name}.` : `Stories by ${found.name}.`,
          pageUrl: absoluteUrl(isTag ? tagPath(found.slug) : authorPath(found.slug)),
          feedUrls: { rss: absoluteUrl(isTag ? tagFeedPath(found.slug) : authorFeedPath(found.slug)) },
        },
        stories,
      };
    }
  }
}

/** The feed for `subject` as a document, or null when there is no such feed. */
export async function loadFeedDocument(subject: FeedSubject): Promise<MachineDocument | null> {
  const resolved = await resolveFeed(subject);
  if (!resolved) return null;
  const format = subject.kind === "site" ? subject.format : "rss";
  const channel = { ...resolved.channel, siteUrl: env().siteUrl, language: "en" };
  return {
    body: buildFeed(channel, resolved.stories, format),
    contentType: FEED_CONTENT_TYPES[format],
    lastModified: newestChange(resolved.stories),
  };
}
