import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SECTION_PAGE_SIZE } from "@/components/site/section-view";
import { TagView } from "@/components/site/tag-view";
import { env } from "@/lib/env";
import { tagFeedAlternates } from "@/lib/feeds/addresses";
import { absoluteUrl, tagPath } from "@/lib/routing/public-urls";
import { loadTopicPage } from "@/lib/routing/resolve-path";
import { getCachedTag } from "@/lib/tags/cached";

// GET /tags/<tag slug> · ?before=<story id> (rewritten to /tags/<slug>/_before/<id>, next.config.js)
// Rendered on first request and cached until a story changes (the story-list tag) or an hour
// passes, like the section pages. A tag with nothing published is not found.

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ path: string[] }> };

const load = cache((joined: string) =>
  loadTopicPage(joined.split("/"), getCachedTag, (tag) => ({ tagId: tag.id }), SECTION_PAGE_SIZE),
);

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load((await props.params).path.join("/"));
  if (!loaded) return { title: "Page not found", description: "There is no page at this address." };
  const { topic: tag, before } = loaded;
  return {
    title: before ? `${tag.name}: older stories` : tag.name,
    description: `Stories about ${tag.name}, newest first.`,
    alternates: { canonical: absoluteUrl(tagPath(tag.slug)), types: tagFeedAlternates(tag, env().siteName) },
    robots: before ? { index: false, follow: true } : undefined,
  };
}

export default async function TagPage(props: Props) {
  const loaded = await load((await props.params).path.join("/"));
  if (!loaded) notFound();
  return <TagView tag={loaded.topic} page={loaded.page} before={loaded.before} />;
}
