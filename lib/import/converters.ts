import { ghostPostToDocument } from "./ghost-document";
import { htmlToDocument } from "./html-to-document";
import { ghostArchivePaths, ghostOldPaths, recordOldPaths, siteFeedOldPaths, wordpressArchivePaths, wordpressOldPaths } from "./old-urls";
import type { Converters } from "./run-state";

// The importer's body converters and old-URL helpers: lib/import/html-to-document.ts,
// ghost-document.ts and old-urls.ts, as the two sides of issue 17 agreed (lib/import/types.ts).

const text = (value: string | number | undefined) => (value === undefined ? undefined : String(value));

export const archiveConverters: Converters = {
  body(body, options) {
    if (body.kind === "html") return htmlToDocument(body.html, { ...options, wordpress: true });
    return ghostPostToDocument({ mobiledoc: body.mobiledoc, lexical: body.lexical, html: body.html }, options);
  },
  storyOldPaths({ old, slug }, catalog) {
    const site = { baseUrl: catalog.siteUrl || undefined };
    if (catalog.format === "wordpress") {
      return wordpressOldPaths({ id: old.id ?? "", slug: text(old.slug), link: text(old.link), guid: text(old.guid), date: text(old.date), type: text(old.type) }, site);
    }
    return ghostOldPaths({ id: text(old.id), slug: text(old.slug) ?? slug, url: text(old.url), published_at: text(old.published_at) }, site);
  },
  archiveOldPaths(kind, slugs, catalog) {
    const site = { baseUrl: catalog.siteUrl || undefined };
    if (catalog.format === "wordpress") return wordpressArchivePaths(kind, slugs, site);
    return kind === "category" ? { page: [], feed: [] } : ghostArchivePaths(kind, slugs.at(-1) ?? "", site);
  },
  siteFeedOldPaths: (catalog) => siteFeedOldPaths({ baseUrl: catalog.siteUrl || undefined }),
  recordOldPaths,
};
