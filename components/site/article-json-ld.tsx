import { env } from "@/lib/env";
import type { Article } from "@/lib/stories/queries";
import type { Crumb } from "./breadcrumb";

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
    {
      "@context": "https://schema.org",
      "@type": "BreadcrumbList",
      itemListElement: trail.map((crumb, index) => ({
        "@type": "ListItem",
        position: index + 1,
        name: crumb.name,
        item: `${siteUrl}${crumb.path}`,
      })),
    },
  ];
  // JSON, not HTML: "<" is escaped so no text in it can close the script element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
