import { env } from "@/lib/env";

// Addresses of the public pages that are not stories or sections (those are lib/stories'
// storyPath and a section's own path), and absolute URLs from SITE_URL for everything a machine
// reads: canonical links, sitemaps, feeds and structured data.

export const tagPath = (slug: string) => `/tags/${slug}`;
export const authorPath = (slug: string) => `/authors/${slug}`;
/** The public search; its query parameters are read in lib/search/params.ts. */
export const SEARCH_PATH = "/search";

/** `path` (starting with "/") as an absolute URL on SITE_URL; an absolute URL (media on S3_PUBLIC_BASE_URL) as it is. */
export function absoluteUrl(path: string, siteUrl: string = env().siteUrl): string {
  return /^https?:\/\//.test(path) ? path : `${siteUrl}${path}`;
}
