import { cropsOf } from "@/lib/media/crops";
import { absoluteUrl, authorPath } from "@/lib/routing/public-urls";
import type { Article } from "@/lib/stories/queries";
import { organizationData, type ChosenLogo } from "./publisher";

// The NewsArticle search engines read on every story page: bylines as Person with their author
// page, the hero photo in three shapes with its credit, the publisher with its logo, and the published
// corrections (schema.org's `correction`, one CorrectionComment each).

/** NewsArticle structured data for `article`, whose canonical address is `url`. */
export function newsArticleData(article: Article, url: string, siteName: string, siteUrl: string, logo: ChosenLogo | null = null) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.deck,
    mainEntityOfPage: url,
    datePublished: article.publishedAt,
    dateModified: article.revisedAt ?? article.publishedAt,
    articleSection: article.sectionName,
    keywords: article.tags.map((tag) => tag.name),
    // The hero photo cropped to 16:9, 4:3 and 1:1, the shapes Google's article rules ask for.
    image: article.image
      ? cropsOf(article.image).map((crop) => ({
          "@type": "ImageObject",
          url: absoluteUrl(crop.src, siteUrl),
          width: crop.width,
          height: crop.height,
          caption: article.heroCaption || undefined,
          creditText: article.heroCredit || undefined,
        }))
      : undefined,
    author: article.bylines.map((byline) => ({
      "@type": "Person",
      name: byline.name,
      url: absoluteUrl(authorPath(byline.slug), siteUrl),
    })),
    publisher: organizationData(siteName, siteUrl, logo),
    correction: article.corrections.length
      ? article.corrections.map((correction) => ({
          "@type": "CorrectionComment",
          text: correction.note,
          datePublished: correction.createdAt,
        }))
      : undefined,
  };
}
