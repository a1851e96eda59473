import { env } from "@/lib/env";
import type { Article } from "@/lib/stories/queries";
import type { Crumb } from "./breadcrumb";
import { breadcrumbListData, JsonLd } from "./json-ld";

/** NewsArticle and BreadcrumbList structured data for search engines. */
export function ArticleJsonLd({ article, url, trail }: { article: Article; url: string; trail: Crumb[] }) {
  const { siteName, siteUrl } = env();
  const data = [
    {
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: article.headline,
      description: article.deck,
      mainEntityOfPage: url,
      datePublished: article.publishedAt,
      dateModified: article.revisedAt ?? article.publishedAt,
      articleSection: article.sectionName,
      keywords: article.tags.map((tag) => tag.name),
      image: article.image ? [`${siteUrl}${article.image.src}`] : undefined,
      author: article.bylines.map((byline) => ({ "@type": "Person", name: byline.name })),
      publisher: { "@type": "NewsMediaOrganization", name: siteName, url: siteUrl },
    },
    breadcrumbListData(trail, siteUrl),
  ];
  return <JsonLd data={data} />;
}
