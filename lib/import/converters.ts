import { ghostPostToDocument } from "./ghost-document";
import { htmlToDocument } from "./html-to-document";
import { ghostOldPaths, recordOldPaths, wordpressOldPaths } from "./old-urls";
import type { Converters } from "./run-state";

// The importer's body converters and old-URL helpers: the ones lib/import/html-to-document.ts,
// ghost-document.ts and old-urls.ts export (the interface both sides of issue 17 agreed on).

export const archiveConverters: Converters = {
  body(body, options) {
    if (body.kind === "html") return htmlToDocument(body.html, { ...options, wordpress: true });
    return ghostPostToDocument({ mobiledoc: body.mobiledoc, lexical: body.lexical, html: body.html }, options);
  },
  storyOldPaths(story, catalog) {
    return catalog.format === "wordpress" ? wordpressOldPaths(story.old, catalog.siteUrl) : ghostOldPaths(story.old, catalog.siteUrl);
  },
  recordOldPaths,
};
