import { absoluteUrl, SEARCH_PATH } from "@/lib/routing/public-urls";

// The publication as search engines see it: one Organization with its logo, named by every page
// that carries structured data (Google's NewsArticle rules want publisher.logo). The logo is the
// square mark of app/icon.svg as a PNG: the mark has no wordmark, a square logo is what Google's
// Organization guidance asks for (at least 112×112), and raster files are what it reads.

export const PUBLISHER_LOGO = { path: "/logo.png", width: 512, height: 512 } as const;

/** A logo chosen under Settings (lib/settings/site.ts), in place of the mark. */
export interface ChosenLogo {
  src: string;
  width: number;
  height: number;
}

/** The publisher Organization, with its logo as an ImageObject (absolute URLs on `siteUrl`). */
export function organizationData(siteName: string, siteUrl: string, chosen: ChosenLogo | null = null) {
  const logo = chosen ?? { src: PUBLISHER_LOGO.path, width: PUBLISHER_LOGO.width, height: PUBLISHER_LOGO.height };
  return {
    "@type": "NewsMediaOrganization",
    name: siteName,
    url: siteUrl,
    logo: {
      "@type": "ImageObject",
      url: absoluteUrl(logo.src, siteUrl),
      width: logo.width,
      height: logo.height,
    },
  };
}

/**
 * The home page's WebSite, with its search (a SearchAction on /search?q=),
 * and Organization.
 */
export function homeStructuredData(siteName: string, siteUrl: string, logo: ChosenLogo | null = null) {
  return [
    {
      "@context": "https://schema.org",
      "@type": "WebSite",
      name: siteName,
      url: siteUrl,
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(SEARCH_PATH, siteUrl)}?q={search_term_string}` },
        "query-input": "required name=search_term_string",
      },
    },
    { "@context": "https://schema.org", ...organizationData(siteName, siteUrl, logo) },
  ];
}
