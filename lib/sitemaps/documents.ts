import { getSiteSettings } from "@/lib/settings/cached";
import { cachedRead } from "@/lib/cache/cached-read";
import { cacheTags } from "@/lib/cache/tags";
import { env } from "@/lib/env";
import type { MachineDocument } from "@/lib/http/conditional";
import { absoluteUrl } from "@/lib/routing/public-urls";
import {
  countStoryPages,
  countTaxonomyPages,
  listNewsEntries,
  listSectionEntries,
  listStoryPage,
  listTaxonomyPage,
  SITEMAP_PAGE_SIZE,
  type SitemapEntry,
} from "./queries";
import { writeNewsUrlSet, writeSitemapIndex, writeUrlSet } from "./xml";

// robots.txt, the sitemap index and its sitemaps as documents for `machineResponse`. The XML is
// kept in the data cache under the tags of what it lists: publishing, unpublishing or editing a
// story marks `storyLists` (lib/cache/invalidate.ts, invalidateStory) and a section change marks
// `sections`, so the next request rebuilds it. The news sitemap's window also slides with the
// clock, so its cache key carries the hour: a story leaves it at most an hour after its 48 hours.

const XML = "application/xml; charset=utf-8";

/** A sitemap by its file name under /sitemaps/. */
export type SitemapName = { kind: "stories" | "tags" | "authors"; page: number } | { kind: "sections" | "news" };

const PAGED = /^(stories|tags|authors)-([1-9][0-9]{0,8})\.xml$/;

export function parseSitemapName(name: string): SitemapName | null {
  if (name === "sections.xml") return { kind: "sections" };
  if (name === "news.xml") return { kind: "news" };
  const match = PAGED.exec(name);
  if (!match) return null;
  return { kind: match[1] as "stories" | "tags" | "authors", page: Number(match[2]) };
}

export function sitemapPath(name: SitemapName): string {
  return `/sitemaps/${name.kind}${"page" in name ? `-${name.page}` : ""}.xml`;
}

interface CachedDocument {
  body: string;
  lastModified: string | null;
}

const toDocument = ({ body, lastModified }: CachedDocument): MachineDocument => ({
  body,
  contentType: XML,
  lastModified: lastModified ? new Date(lastModified) : null,
});

const newest = (entries: SitemapEntry[]) =>
  entries.reduce<string | null>((latest, { lastModified }) => (latest && latest > lastModified ? latest : lastModified), null);

function urlSet(entries: SitemapEntry[]): CachedDocument {
  return {
    body: writeUrlSet(entries.map((entry) => ({ loc: absoluteUrl(entry.path), lastmod: entry.lastModified }))),
    lastModified: newest(entries),
  };
}

/** Every sitemap page there is now, sections and news first. */
async function listSitemaps(pageSize: number): Promise<SitemapName[]> {
  const [stories, tags, authors] = await Promise.all([
    countStoryPages(pageSize),
    countTaxonomyPages("tags", pageSize),
    countTaxonomyPages("authors", pageSize),
  ]);
  const paged = (kind: "stories" | "tags" | "authors", count: number) =>
    Array.from({ length: count }, (_, i): SitemapName => ({ kind, page: i + 1 }));
  return [{ kind: "sections" }, { kind: "news" }, ...paged("stories", stories), ...paged("tags", tags), ...paged("authors", authors)];
}

export async function readSitemapIndex(pageSize = SITEMAP_PAGE_SIZE): Promise<MachineDocument> {
  const cached = await cachedRead(["sitemap-index", String(pageSize)], [cacheTags.storyLists, cacheTags.sections], async () => ({
    body: writeSitemapIndex((await listSitemaps(pageSize)).map((name) => absoluteUrl(sitemapPath(name)))),
    lastModified: null,
  }));
  return toDocument(cached);
}

async function buildSitemap(name: SitemapName, pageSize: number, now: Date): Promise<CachedDocument | null> {
  switch (name.kind) {
    case "sections":
      return urlSet(await listSectionEntries());
    case "news": {
      const { siteLanguage } = env();
      const { name: siteName } = await getSiteSettings();
      const entries = await listNewsEntries(now);
      const body = writeNewsUrlSet(
        entries.map((entry) => ({
          loc: absoluteUrl(entry.path),
          lastmod: entry.lastModified,
          title: entry.headline,
          publicationDate: entry.publishedAt,
        })),
        { name: siteName, language: siteLanguage },
      );
      return { body, lastModified: newest(entries) };
    }
    case "stories":
      if (name.page > (await countStoryPages(pageSize))) return null;
      return urlSet(await listStoryPage(name.page, pageSize));
    default:
      if (name.page > (await countTaxonomyPages(name.kind, pageSize))) return null;
      return urlSet(await listTaxonomyPage(name.kind, name.page, pageSize));
  }
}

/** One sitemap, or null when there is no such page (past the last one). */
export async function readSitemap(name: SitemapName, pageSize = SITEMAP_PAGE_SIZE, now = new Date()): Promise<MachineDocument | null> {
  const hour = name.kind === "news" ? [String(Math.floor(now.getTime() / 3_600_000))] : [];
  const tags = name.kind === "sections" ? [cacheTags.sections, cacheTags.storyLists] : name.kind === "news" ? [cacheTags.storyLists, cacheTags.site] : [cacheTags.storyLists];
  const cached = await cachedRead(["sitemap", sitemapPath(name), String(pageSize), ...hour], tags, () =>
    buildSitemap(name, pageSize, now),
  );
  return cached ? toDocument(cached) : null;
}

/** robots.txt: the maps for crawlers, and the newsroom, the API and previews kept out. */
export function readRobots(): MachineDocument {
  const body = [
    "User-agent: *",
    // With the slash (and "$" for the bare path, which Google and Bing honour): a plain prefix
    // "/editor" would also shut out a section such as /editorials.
    "Disallow: /editor$",
    "Disallow: /editor/",
    "Disallow: /api/",
    "Disallow: /preview/",
    "",
    `Sitemap: ${absoluteUrl("/sitemap.xml")}`,
    `Sitemap: ${absoluteUrl(sitemapPath({ kind: "news" }))}`,
    "",
  ].join("\n");
  return { body, contentType: "text/plain; charset=utf-8" };
}
