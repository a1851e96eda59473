import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/cached";
import { absoluteUrl } from "@/lib/routing/public-urls";
import { SHARE_IMAGE_SIZE } from "./share-image";

// OpenGraph and Twitter card tags for a public page, in one shape for every page type. Next.js
// replaces, not merges, a layout's `openGraph` when a page sets its own, so every page's tags are
// built whole here: site name, locale, absolute URL, and the page's share image with its size.

export interface ShareFields {
  title: string;
  description: string;
  /** The page's canonical path. */
  path: string;
  /** The share image's path (lib/seo/share-cards.ts). */
  image: string;
  imageAlt: string;
  type?: "website" | "profile";
}

export interface ArticleShareFields extends Omit<ShareFields, "type"> {
  publishedTime: string;
  modifiedTime: string;
  section: string;
  tags: string[];
  /** Author pages' paths. */
  authors: string[];
}

/** og:locale is language_TERRITORY: given only when SITE_LANGUAGE names a region (en-GB → en_GB). */
function localeOf(language: string): string | undefined {
  const [lang, region] = language.split("-");
  return region && region.length === 2 ? `${lang}_${region.toUpperCase()}` : undefined;
}

async function common({ title, description, path, image, imageAlt }: ShareFields) {
  const { siteLanguage } = env();
  const { name: siteName } = await getSiteSettings();
  const images = [{ url: absoluteUrl(image), ...SHARE_IMAGE_SIZE, alt: imageAlt, type: "image/png" }];
  return {
    openGraph: { siteName, locale: localeOf(siteLanguage), title, description, url: absoluteUrl(path), images },
    twitter: { card: "summary_large_image" as const, title, description, images: [{ url: absoluteUrl(image), alt: imageAlt }] },
  };
}

/** og:* and twitter:* for a page that is not an article. */
export async function shareMetadata(fields: ShareFields): Promise<Pick<Metadata, "openGraph" | "twitter">> {
  const { openGraph, twitter } = await common(fields);
  return { openGraph: { ...openGraph, type: fields.type ?? "website" }, twitter };
}

/** og:* with og:type article and its article:* fields, and twitter:*, for a story. */
export async function articleShareMetadata(fields: ArticleShareFields): Promise<Pick<Metadata, "openGraph" | "twitter">> {
  const { openGraph, twitter } = await common(fields);
  return {
    openGraph: {
      ...openGraph,
      type: "article",
      publishedTime: fields.publishedTime,
      modifiedTime: fields.modifiedTime,
      section: fields.section,
      tags: fields.tags,
      authors: fields.authors.map((path) => absoluteUrl(path)),
    },
    twitter,
  };
}
