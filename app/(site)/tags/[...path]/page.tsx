import { TagView } from "@/components/site/tag-view";
import { topicRoute } from "@/components/site/topic-route";
import { getSiteSettings } from "@/lib/settings/cached";
import { tagFeedAlternates } from "@/lib/feeds/addresses";
import { tagPath } from "@/lib/routing/public-urls";
import { shareMetadata } from "@/lib/seo/open-graph";
import { tagShareImage } from "@/lib/seo/share-cards";
import { getCachedTag } from "@/lib/tags/cached";

// GET /tags/<tag slug> · ?before=<story id> (rewritten to /tags/<slug>/_before/<id>, next.config.js)
// Rendered on first request and cached until a story changes (the story-list tag) or an hour
// passes, like the section pages. A tag with nothing published is not found.

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

const route = topicRoute({
  getTopic: getCachedTag,
  filterOf: (tag) => ({ tagId: tag.id }),
  metadata: async ({ topic: tag, before }) => {
    const description = `Stories about ${tag.name}, newest first.`;
    const path = tagPath(tag.slug);
    return {
      title: before ? `${tag.name}: older stories` : tag.name,
      description,
      alternates: { canonical: path, types: tagFeedAlternates(tag, (await getSiteSettings()).name) },
      robots: before ? { index: false, follow: true } : undefined,
      ...(await shareMetadata({ title: tag.name, description, path, image: tagShareImage(tag.slug), imageAlt: tag.name })),
    };
  },
  render: ({ topic, page, before }) => <TagView tag={topic} page={page} before={before} />,
});

export const generateMetadata = route.generateMetadata;
export default route.Page;
