import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/cached";
import { newsArticleData } from "@/lib/seo/news-article";
import type { Article } from "@/lib/stories/queries";
import type { Crumb } from "./breadcrumb";
import { breadcrumbListData, JsonLd } from "./json-ld";

/** NewsArticle and BreadcrumbList structured data for search engines. */
export async function ArticleJsonLd({ article, url, trail }: { article: Article; url: string; trail: Crumb[] }) {
  const { siteUrl } = env();
  const { name, logo } = await getSiteSettings();
  return <JsonLd data={[newsArticleData(article, url, name, siteUrl, logo), breadcrumbListData(trail, siteUrl)]} />;
}
