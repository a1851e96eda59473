import { AuthorView } from "@/components/site/author-view";
import { topicRoute } from "@/components/site/topic-route";
import { getCachedAuthor } from "@/lib/authors/cached";
import { getSiteSettings } from "@/lib/settings/cached";
import { authorFeedAlternates } from "@/lib/feeds/addresses";
import { authorPath } from "@/lib/routing/public-urls";
import { shareMetadata } from "@/lib/seo/open-graph";
import { authorShareImage } from "@/lib/seo/share-cards";

// GET /authors/<author slug> · ?before=<story id> (rewritten to /authors/<slug>/_before/<id>, next.config.js)
// Rendered on first request and cached until a story changes (the story-list tag) or an hour
// passes, like the section pages. An author with nothing published is not found.

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

const route = topicRoute({
  getTopic: getCachedAuthor,
  filterOf: (author) => ({ authorId: author.id }),
  metadata: async ({ topic: author, before }) => {
    const role = author.title ? `${author.name}, ${author.title}` : author.name;
    const description = author.bio || `Stories by ${role}, newest first.`;
    const path = authorPath(author.slug);
    return {
      title: before ? `${author.name}: older stories` : author.name,
      description,
      alternates: { canonical: path, types: authorFeedAlternates(author, (await getSiteSettings()).name) },
      robots: before ? { index: false, follow: true } : undefined,
      ...(await shareMetadata({ title: author.name, description, path, image: authorShareImage(author.slug), imageAlt: author.name, type: "profile" })),
    };
  },
  render: ({ topic, page, before }) => <AuthorView author={topic} page={page} before={before} />,
});

export const generateMetadata = route.generateMetadata;
export default route.Page;
