import type { Crumb } from "./breadcrumb";

/** Structured data for search engines. JSON, not HTML: "<" is escaped so nothing in it can close the script. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, "\\u003c") }} />;
}

/** A BreadcrumbList over `trail` (outermost first), with absolute URLs: the one form every page type uses. */
export function breadcrumbListData(trail: Crumb[], siteUrl: string) {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: `${siteUrl}${crumb.path}`,
    })),
  };
}
