import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { authors, redirects, sections, stories } from "@/db/schema";
import { authorFeedPath, sectionFeedPath } from "@/lib/feeds/addresses";
import { forgetOldPathAnswers } from "./old-paths";
import { authorPath } from "./public-urls";
import { storyPath } from "@/lib/stories/queries";
import { markRevalidated, revalidatedSince } from "@/lib/cache/shared-state.cjs";
import { cacheTags } from "@/lib/cache/tags";

// Answers given before any page renders (lib/routing/answer-path-rule.ts): 410 for the URLs of
// unpublished stories and of stories purged from the trash after readers met them
// (lib/stories/trash.ts), 301 from a story's old URLs to its current one, from a moved
// section's old page and feed to its current ones, and from an author's old page and feed
// (a changed slug) to the current ones. App-router pages cannot set those statuses themselves;
// the server keeps a small snapshot of these rules in memory. A write that changes them marks the
// `path-rules` cache tag (lib/cache/shared-state.cjs), on every instance when Redis links them
// (lib/cache/redis-cache.ts): the next request after the mark waits for fresh rules.

export type PathRule = { status: 410 } | { status: 301; location: string };

export interface PathRules {
  rules: Map<string, PathRule>;
  /** When the load began: a mark made after that may be missing from it. */
  loadedAt: number;
  /** Every section's path (`news/us`): a request under one may be a page, so it is no old address to look up. */
  sectionPaths: Set<string>;
}

export async function loadPathRules(db: Db = getDb()): Promise<PathRules> {
  const loadedAt = Date.now();
  const [storyRows, redirectRows, sectionRedirectRows, authorRedirectRows, goneRows, sectionRows] = await Promise.all([
    db
      .select({ slug: stories.slug, status: stories.status, sectionPath: sections.path })
      .from(stories)
      .innerJoin(sections, eq(sections.id, stories.sectionId))
      .where(eq(stories.status, "unpublished")),
    db
      .select({
        fromPath: redirects.fromPath,
        slug: stories.slug,
        status: stories.status,
        sectionPath: sections.path,
      })
      .from(redirects)
      .innerJoin(stories, eq(stories.id, redirects.storyId))
      .innerJoin(sections, eq(sections.id, stories.sectionId)),
    db
      .select({ fromPath: redirects.fromPath, sectionPath: sections.path })
      .from(redirects)
      .innerJoin(sections, eq(sections.id, redirects.sectionId)),
    db
      .select({ fromPath: redirects.fromPath, slug: authors.slug })
      .from(redirects)
      .innerJoin(authors, eq(authors.id, redirects.authorId))
      // An old address another author has taken since (however the profile was made) is theirs.
      .where(sql`not exists (select 1 from ${authors} as taken where '/authors/' || taken.slug = ${redirects.fromPath})`),
    db
      .select({ fromPath: redirects.fromPath })
      .from(redirects)
      .where(and(isNull(redirects.storyId), isNull(redirects.sectionId), isNull(redirects.authorId))),
    db.select({ path: sections.path }).from(sections),
  ]);
  const rules = new Map<string, PathRule>();
  for (const row of goneRows) rules.set(row.fromPath, { status: 410 });
  // Sections first: where a story's rule falls on the same address, the story's wins.
  for (const row of sectionRedirectRows) {
    const current = `/${row.sectionPath}`;
    if (current === row.fromPath) continue;
    rules.set(row.fromPath, { status: 301, location: current });
    rules.set(sectionFeedPath(row.fromPath.slice(1)), { status: 301, location: sectionFeedPath(row.sectionPath) });
  }
  for (const row of authorRedirectRows) {
    const current = authorPath(row.slug);
    if (current === row.fromPath) continue;
    rules.set(row.fromPath, { status: 301, location: current });
    rules.set(authorFeedPath(row.fromPath.slice("/authors/".length)), { status: 301, location: authorFeedPath(row.slug) });
  }
  for (const row of redirectRows) {
    const current = storyPath(row.sectionPath, row.slug);
    if (current === row.fromPath) continue;
    rules.set(
      row.fromPath,
      row.status === "unpublished" ? { status: 410 } : { status: 301, location: current },
    );
  }
  for (const row of storyRows) rules.set(storyPath(row.sectionPath, row.slug), { status: 410 });
  return { rules, sectionPaths: new Set(sectionRows.map((row) => row.path)), loadedAt };
}

/** How old a snapshot may be before a request triggers a refresh (served stale meanwhile). */
const FRESH_MS = 1000;

const globalForRules = globalThis as unknown as {
  meridianPathRules?: PathRules;
  meridianPathRulesLoading?: Promise<PathRules>;
};

function refresh(): Promise<PathRules> {
  globalForRules.meridianPathRulesLoading ??= loadPathRules()
    .then((loaded) => {
      globalForRules.meridianPathRules = loaded;
      return loaded;
    })
    .finally(() => {
      globalForRules.meridianPathRulesLoading = undefined;
    });
  return globalForRules.meridianPathRulesLoading;
}

/**
 * The rule for `pathname`, if any. Waits for the first load and after a write marked the rules
 * (here, or on another instance through Redis); otherwise serves the snapshot and refreshes it in
 * the background once it is a second old (the bound on how long another instance's write takes to
 * show here without Redis, or while it is away).
 */
export async function matchPathRule(pathname: string): Promise<PathRule | undefined> {
  return (await currentPathRules()).rules.get(pathname.replace(/\/+$/, "") || "/");
}

/** Whether `path` (`news/us`) is a section's, by the same snapshot as the rules. */
export async function sectionPathTest(): Promise<(path: string) => boolean> {
  const { sectionPaths } = await currentPathRules();
  return (path) => sectionPaths.has(path);
}

async function currentPathRules(): Promise<PathRules> {
  const stale = (rules: PathRules) => revalidatedSince([cacheTags.pathRules], rules.loadedAt);
  let snapshot = globalForRules.meridianPathRules;
  if (!snapshot || stale(snapshot)) {
    // A mark (here, or from another instance) also drops the old addresses' remembered answers.
    if (snapshot) forgetOldPathAnswers();
    snapshot = await refresh();
    // A load already under way when the mark was made may not hold the change: one more.
    if (stale(snapshot)) snapshot = await refresh();
  } else if (Date.now() - snapshot.loadedAt > FRESH_MS) void refresh().catch(() => {});
  return snapshot;
}

/** After a write that changes the rules: every instance's next request reloads them. */
export function invalidatePathRules(): void {
  forgetOldPathAnswers();
  markRevalidated([cacheTags.pathRules]);
}
