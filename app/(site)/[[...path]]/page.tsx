import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleJsonLd } from "@/components/site/article-json-ld";
import { ArticleView } from "@/components/site/article-view";
import { sectionCrumbs } from "@/components/site/breadcrumb";
import { HomeView } from "@/components/site/home-view";
import { SectionView } from "@/components/site/section-view";
import { ViewBeacon } from "@/components/site/view-beacon";
import { getCachedMostRead } from "@/lib/analytics/cached";
import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/cached";
import { sectionFeedAlternates, siteFeedAlternates } from "@/lib/feeds/addresses";
import { authorPath } from "@/lib/routing/public-urls";
import { resolvePublicPath } from "@/lib/routing/resolve-path";
import { articleShareMetadata, shareMetadata } from "@/lib/seo/open-graph";
import { sectionShareImage, siteShareImage, storyShareImage } from "@/lib/seo/share-cards";
import { getCachedArticle } from "@/lib/stories/cached";

// GET / · /<section path> · /<section path>/<slug>
// Every public page is generated on its first request, then served from the cache until a write
// revalidates its tags (lib/cache/tags.ts) or an hour passes (five minutes for the pages that
// show "Most read": lib/analytics/cached.ts). Nothing is rendered at build time.

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
  const { name: siteName, description: siteDescription } = await getSiteSettings();
  switch (resolved.kind) {
    case "home":
      return {
        title: { absolute: `${siteName}: news from the U.S. and the world` },
        description: siteDescription,
        alternates: { canonical: "/", types: siteFeedAlternates(siteName) },
        ...(await shareMetadata({ title: siteName, description: siteDescription, path: "/", image: siteShareImage(), imageAlt: siteName })),
      };
    case "section": {
      const { section, before } = resolved;
      const parent = section.parentId === null ? undefined : tree.byId[section.parentId];
      const name = parent ? `${section.name} · ${parent.name}` : section.name;
      const description = section.description || `The latest from ${section.name}.`;
      const path = `/${section.path}`;
      return {
        title: before ? `${name}: older stories` : name,
        description,
        alternates: { canonical: path, types: sectionFeedAlternates(section, siteName) },
        robots: before ? { index: false, follow: true } : undefined,
        ...(await shareMetadata({ title: name, description, path, image: sectionShareImage(section.id), imageAlt: section.name })),
      };
    }
    case "article": {
      const article = await getCachedArticle(resolved.storyId);
      if (!article) return notFoundMetadata;
      const title = article.seoTitle || article.headline;
      const description = article.seoDescription || article.deck;
      return {
        title,
        description,
        alternates: {
          canonical: article.path,
          types: sectionFeedAlternates({ path: article.sectionPath, name: article.sectionName }, siteName, true),
        },
        authors: article.bylines.map((byline) => ({ name: byline.name, url: authorPath(byline.slug) })),
        ...(await articleShareMetadata({
          title,
          description,
          path: article.path,
          image: storyShareImage(article),
          imageAlt: article.headline,
          publishedTime: article.publishedAt,
          modifiedTime: article.revisedAt ?? article.publishedAt,
          section: article.sectionName,
          tags: article.tags.map((tag) => tag.name),
          authors: article.bylines.map((byline) => authorPath(byline.slug)),
        })),
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
      const [article, mostRead] = await Promise.all([getCachedArticle(resolved.storyId), getCachedMostRead()]);
      if (!article) notFound();
      const trail = sectionCrumbs(tree, article.sectionId);
      const canonicalUrl = `${env().siteUrl}${article.path}`;
      return (
        <>
          <ArticleJsonLd article={article} url={canonicalUrl} trail={trail} />
          <ArticleView article={article} trail={trail} canonicalUrl={canonicalUrl} mostRead={mostRead} />
          <ViewBeacon storyId={article.id} />
        </>
      );
    }
    default:
      notFound();
  }
}
