import { env } from "@/lib/env";
import { newsArticleData } from "@/lib/seo/news-article";
import type { Article } from "@/lib/stories/queries";
import type { Crumb } from "./breadcrumb";
import { breadcrumbListData, JsonLd } from "./json-ld";

/** NewsArticle and BreadcrumbList structured data for search engines. */
export function ArticleJsonLd({ article, url, trail }: { article: Article; url: string; trail: Crumb[] }) {
  const { siteName, siteUrl } = env();
  return <JsonLd data={[newsArticleData(article, url, siteName, siteUrl), breadcrumbListData(trail, siteUrl)]} />;
}
