import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleJsonLd } from "@/components/site/article-json-ld";
import { ArticleView } from "@/components/site/article-view";
import { sectionCrumbs } from "@/components/site/breadcrumb";
import { HomeView } from "@/components/site/home-view";
import { SectionView } from "@/components/site/section-view";
import { env } from "@/lib/env";
import { sectionFeedAlternates, siteFeedAlternates } from "@/lib/feeds/addresses";
import { resolvePublicPath } from "@/lib/routing/resolve-path";
import { getCachedArticle } from "@/lib/stories/cached";

// GET / · /<section path> · /<section path>/<slug>
// Every public page is generated on its first request, then served from the cache until a write
// revalidates its tags (lib/cache/tags.ts) or an hour passes. Nothing is rendered at build time.

export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ path?: string[] }> };

const notFoundMetadata: Metadata = { title: "Page not found", description: "There is no page at this address." };

async function load(props: Props) {
  const { path } = await props.params;
  return resolvePublicPath((path ?? []).join("/"));
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { resolved, tree } = await load(props);
  const { siteName, siteDescription } = env();
  switch (resolved.kind) {
    case "home":
      return {
        title: { absolute: `${siteName}: news from the U.S. and the world` },
        description: siteDescription,
        alternates: { canonical: "/", types: siteFeedAlternates(siteName) },
      };
    case "section": {
      const { section, before } = resolved;
      const parent = section.parentId === null ? undefined : tree.byId[section.parentId];
      const name = parent ? `${section.name} · ${parent.name}` : section.name;
      return {
        title: before ? `${name}: older stories` : name,
        description: section.description || `The latest from ${section.name}.`,
        alternates: { canonical: `/${section.path}`, types: sectionFeedAlternates(section, siteName) },
        robots: before ? { index: false, follow: true } : undefined,
      };
    }
    case "article": {
      const article = await getCachedArticle(resolved.storyId);
      if (!article) return notFoundMetadata;
      const description = article.seoDescription || article.deck;
      return {
        title: article.seoTitle || article.headline,
        description,
        alternates: {
          canonical: article.path,
          types: sectionFeedAlternates({ path: article.sectionPath, name: article.sectionName }, siteName, true),
        },
        authors: article.bylines.map((byline) => ({ name: byline.name })),
        openGraph: {
          type: "article",
          title: article.headline,
          description,
          url: article.path,
          publishedTime: article.publishedAt,
          modifiedTime: article.revisedAt ?? undefined,
          section: article.sectionName,
          tags: article.tags.map((tag) => tag.name),
          images: article.image ? [{ url: article.image.src, alt: article.image.alt }] : undefined,
        },
      };
    }
    default:
      return notFoundMetadata;
  }
}

export default async function PublicPage(props: Props) {
  const { resolved, tree } = await load(props);
  switch (resolved.kind) {
    case "home":
      return <HomeView tree={tree} />;
    case "section":
      return <SectionView tree={tree} section={resolved.section} before={resolved.before} />;
    case "article": {
      const article = await getCachedArticle(resolved.storyId);
      if (!article) notFound();
      const trail = sectionCrumbs(tree, article.sectionId);
      const canonicalUrl = `${env().siteUrl}${article.path}`;
      return (
        <>
          <ArticleJsonLd article={article} url={canonicalUrl} trail={trail} />
          <ArticleView article={article} trail={trail} canonicalUrl={canonicalUrl} />
        </>
      );
    }
    default:
      notFound();
  }
}
