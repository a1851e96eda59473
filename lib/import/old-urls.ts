import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oldPaths } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { oldPathKey } from "@/lib/routing/old-path-key";

// Every address an imported site answered at, kept: the importer records each story's, section's,
// tag's and author's old addresses (and their feeds') in `old_paths`, and the server answers them
// with a 301 to the new address in one hop (lib/routing/old-paths.ts). The helpers below list a
// WordPress or Ghost item's old addresses from what its export says; recordOldPaths stores them.

/** What an old address leads to: a story, a section, tag or author (their page, or with `feedOf` their feed), or the site's feed. */
export interface OldPathTarget {
  storyId?: number;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  feedOf?: "site" | "section" | "tag" | "author";
}

export interface OldPathConflict {
  path: string;
  message: string;
}

type Row = { storyId: number | null; sectionId: number | null; tagId: number | null; authorId: number | null; feed: boolean };

function targetRow(target: OldPathTarget): Row {
  const row: Row = { storyId: target.storyId ?? null, sectionId: target.sectionId ?? null, tagId: target.tagId ?? null, authorId: target.authorId ?? null, feed: target.feedOf !== undefined };
  const ids = [row.storyId, row.sectionId, row.tagId, row.authorId].filter((id) => id !== null);
  const feedMatches =
    target.feedOf === undefined
      ? ids.length === 1
      : target.feedOf === "site"
        ? ids.length === 0
        : ids.length === 1 && row[`${target.feedOf}Id`] !== null;
  if (!feedMatches) throw new Error(`An old address leads to one story, section, tag or author, or to the site's feed: ${JSON.stringify(target)}`);
  return row;
}

const targetName = (row: Row) =>
  row.storyId !== null
    ? `story ${row.storyId}`
    : row.sectionId !== null
      ? `section ${row.sectionId}${row.feed ? "'s feed" : ""}`
      : row.tagId !== null
        ? `tag ${row.tagId}${row.feed ? "'s feed" : ""}`
        : row.authorId !== null
          ? `author ${row.authorId}${row.feed ? "'s feed" : ""}`
          : "the site's feed";

const BATCH = 1000;

/**
 * Stores `addresses` (URLs or paths, any spelling of the same address once) as old addresses of
 * `target`. Running it again changes nothing; an address that already leads elsewhere keeps
 * leading there and is returned as a conflict for the import's report.
 */
export async function recordOldPaths(tx: Db | Tx, target: OldPathTarget, addresses: string[]): Promise<OldPathConflict[]> {
  const row = targetRow(target);
  const keys = [...new Set(addresses.map(oldPathKey).filter((key): key is string => key !== null))];
  const conflicts: OldPathConflict[] = [];
  for (let at = 0; at < keys.length; at += BATCH) {
    const batch = keys.slice(at, at + BATCH);
    const inserted = await tx
      .insert(oldPaths)
      .values(batch.map((path) => ({ path, ...row })))
      .onConflictDoNothing({ target: oldPaths.path })
      .returning({ path: oldPaths.path });
    // Only addresses stored before (by this item on an earlier run, or by another) are read back.
    const fresh = new Set(inserted.map((stored) => stored.path));
    const known = batch.filter((path) => !fresh.has(path));
    if (known.length === 0) continue;
    const stored = await tx
      .select({ path: oldPaths.path, storyId: oldPaths.storyId, sectionId: oldPaths.sectionId, tagId: oldPaths.tagId, authorId: oldPaths.authorId, feed: oldPaths.feed })
      .from(oldPaths)
      .where(inArray(oldPaths.path, known));
    for (const other of stored) {
      if (targetName(other) !== targetName(row)) conflicts.push({ path: other.path, message: `The old address ${other.path} already leads to ${targetName(other)}: kept there, not to ${targetName(row)}` });
    }
  }
  return conflicts;
}

/** The old site's address, to tell its own links from links elsewhere. */
export interface OldSite {
  baseUrl?: string;
}

function onSite(address: string | null | undefined, site: OldSite): string | null {
  if (!address) return null;
  if (!site.baseUrl || !URL.canParse(address) || !URL.canParse(site.baseUrl)) return address;
  return new URL(address).host === new URL(site.baseUrl).host ? address : null;
}

/** A path under the site's own path (a WordPress installed in /blog has its addresses there). */
function underSite(path: string, site: OldSite): string {
  const base = site.baseUrl && URL.canParse(site.baseUrl) ? new URL(site.baseUrl).pathname.replace(/\/+$/, "") : "";
  return `${base}${path}`;
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * A WordPress post's old addresses: its permalink (`link`), its guid when on the site, `/?p=<id>`
 * (`/?page_id=<id>` for a page), `/<slug>/` (WordPress finds a post by its slug alone) and the
 * date permalink `/<yyyy>/<mm>/<dd>/<slug>/` from its local date (`2019-04-29 08:00:00`).
 */
export function wordpressOldPaths(
  post: { id: number | string; slug?: string | null; link?: string | null; guid?: string | null; date?: string | null; type?: string | null },
  site: OldSite = {},
): string[] {
  const paths = [onSite(post.link, site), onSite(post.guid, site)];
  // Query addresses are kept for a site at the root of its domain only (see oldPathKey).
  if (underSite("", site) === "") paths.push(`/?${post.type === "page" ? "page_id" : "p"}=${post.id}`);
  if (post.slug) {
    paths.push(underSite(`/${post.slug}/`, site));
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(post.date ?? "");
    if (date && post.type !== "page") paths.push(underSite(`/${date[1]}/${date[2]}/${date[3]}/${post.slug}/`, site));
  }
  return [...new Set(paths.filter((path): path is string => path !== null).map(oldPathKey).filter((key): key is string => key !== null))];
}

/** WordPress's addresses of a category (its slugs from the top: `["news", "us"]`), a tag or an author, and of their feeds. */
export function wordpressArchivePaths(kind: "category" | "tag" | "author", slugs: string[], site: OldSite = {}): { page: string[]; feed: string[] } {
  const full = `/${kind}/${slugs.join("/")}`;
  // A nested category also answers under its own slug alone.
  const pages = [...new Set([full, `/${kind}/${slugs.at(-1) ?? ""}`])].map((path) => underSite(path, site));
  return { page: pages, feed: pages.flatMap((page) => [`${page}/feed`, `${page}/feed/rss2`, `${page}/feed/atom`]) };
}

/** WordPress's and Ghost's addresses of the site's own feed. */
export function siteFeedOldPaths(site: OldSite = {}): string[] {
  return ["/feed", "/feed/rss2", "/feed/atom", "/rss", "/rss2"].map((path) => underSite(path, site));
}

/**
 * A Ghost post's old addresses: its `url` when the export has it, and its address under the
 * site's permalink pattern (Ghost's default `/{slug}/`; `{year}`, `{month}`, `{day}` from
 * `published_at`, `{id}`, `{slug}`).
 */
export function ghostOldPaths(
  post: { id?: string | null; slug: string; url?: string | null; published_at?: string | null },
  site: OldSite & { permalink?: string } = {},
): string[] {
  const published = post.published_at && !Number.isNaN(Date.parse(post.published_at)) ? new Date(post.published_at) : null;
  const values: Record<string, string | undefined> = {
    slug: post.slug,
    id: post.id ?? undefined,
    year: published ? String(published.getUTCFullYear()) : undefined,
    month: published ? two(published.getUTCMonth() + 1) : undefined,
    day: published ? two(published.getUTCDate()) : undefined,
  };
  const pattern = site.permalink ?? "/{slug}/";
  const filled = pattern.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const paths = [onSite(post.url, site), /\{\w+\}/.test(filled) ? null : underSite(filled, site), underSite(`/${post.slug}/`, site)];
  return [...new Set(paths.filter((path): path is string => path !== null).map(oldPathKey).filter((key): key is string => key !== null))];
}

/** Ghost's addresses of a tag or an author (`/tag/<slug>/`, `/author/<slug>/`) and of their feeds (`…/rss/`). */
export function ghostArchivePaths(kind: "tag" | "author", slug: string, site: OldSite = {}): { page: string[]; feed: string[] } {
  const page = underSite(`/${kind}/${slug}`, site);
  return { page: [page], feed: [`${page}/rss`] };
}
