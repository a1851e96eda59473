import { XMLBuilder } from "fast-xml-parser";

// The XML of robots' maps, written by a library that escapes text and attributes (fast-xml-parser's
// builder), not by string templates. Namespaces: sitemaps.org's protocol and Google's news
// extension; dates are W3C datetimes (ISO 8601 in UTC, as toISOString writes them).

export const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
export const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true });

const declaration = { "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" } };

/** Characters XML 1.0 cannot carry at all, even escaped: a headline pasted with one stays readable. */
const stripUnencodable = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

export interface UrlEntry {
  loc: string;
  lastmod: string;
}

export interface NewsUrlEntry extends UrlEntry {
  title: string;
  publicationDate: string;
}

/** A sitemap index over the sitemap pages at `locs`. */
export function writeSitemapIndex(locs: string[]): string {
  return builder.build({ ...declaration, sitemapindex: { "@_xmlns": SITEMAP_NS, sitemap: locs.map((loc) => ({ loc })) } });
}

export function writeUrlSet(entries: UrlEntry[]): string {
  return builder.build({
    ...declaration,
    urlset: { "@_xmlns": SITEMAP_NS, url: entries.map(({ loc, lastmod }) => ({ loc, lastmod })) },
  });
}

/** A Google News sitemap: the publication is named once per URL, as the format asks. */
export function writeNewsUrlSet(entries: NewsUrlEntry[], publication: { name: string; language: string }): string {
  return builder.build({
    ...declaration,
    urlset: {
      "@_xmlns": SITEMAP_NS,
      "@_xmlns:news": NEWS_NS,
      url: entries.map((entry) => ({
        loc: entry.loc,
        lastmod: entry.lastmod,
        "news:news": {
          "news:publication": { "news:name": stripUnencodable(publication.name), "news:language": publication.language },
          "news:publication_date": entry.publicationDate,
          "news:title": stripUnencodable(entry.title),
        },
      })),
    },
  });
}
