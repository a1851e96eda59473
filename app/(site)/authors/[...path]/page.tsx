import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AuthorView } from "@/components/site/author-view";
import { SECTION_PAGE_SIZE } from "@/components/site/section-view";
import { getCachedAuthor } from "@/lib/authors/cached";
import { env } from "@/lib/env";
import { authorFeedAlternates } from "@/lib/feeds/addresses";
import { absoluteUrl, authorPath } from "@/lib/routing/public-urls";
import { loadTopicPage } from "@/lib/routing/resolve-path";

// GET /authors/<author slug> · ?before=<story id> (rewritten to /authors/<slug>/_before/<id>, next.config.js)
// Rendered on first request and cached until a story changes (the story-list tag) or an hour
// passes, like the section pages. An author with nothing published is not found.

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ path: string[] }> };

const load = cache((joined: string) =>
  loadTopicPage(joined.split("/"), getCachedAuthor, (author) => ({ authorId: author.id }), SECTION_PAGE_SIZE),
);

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load((await props.params).path.join("/"));
  if (!loaded) return { title: "Page not found", description: "There is no page at this address." };
  const { topic: author, before } = loaded;
  const role = author.title ? `${author.name}, ${author.title}` : author.name;
  return {
    title: before ? `${author.name}: older stories` : author.name,
    description: author.bio || `Stories by ${role}, newest first.`,
    alternates: { canonical: absoluteUrl(authorPath(author.slug)), types: authorFeedAlternates(author, env().siteName) },
    robots: before ? { index: false, follow: true } : undefined,
    openGraph: { type: "profile", title: author.name, url: absoluteUrl(authorPath(author.slug)) },
  };
}

export default async function AuthorPage(props: Props) {
  const loaded = await load((await props.params).path.join("/"));
  if (!loaded) notFound();
  return <AuthorView author={loaded.topic} page={loaded.page} before={loaded.before} />;
}
