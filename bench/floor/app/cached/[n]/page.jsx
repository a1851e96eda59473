import { ArticleSizedPage } from "../../article-sized-page";

// Cached as the app's articles are (app/(site)/[[...path]]/page.tsx): nothing rendered at build
// time, each address rendered on its first request and then stored (an hour, or until revalidated).
export const revalidate = 3600;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export default function CachedArticleSizePage() {
  return <ArticleSizedPage />;
}
