import { and, eq, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { stories, type Story } from "@/db/schema";

// What "published" means, once: readers see a story when its status is published and its
// publication time has come. A story can be published with a time still ahead (an embargo), and
// it stays invisible until then. Every public read — pages, and the sitemaps, feeds and search to
// come — filters with `publishedNow`; code holding a row already loaded asks `isPublishedNow`.
//
// Which clock: public reads ask the database's (`now()`), so the slug lookup, the article, the
// lists and the pagination cursor all agree within one request even when the app server's clock
// drifts. No reader-facing answer relies on the app's clock for its cache: a cached read is kept
// until a tag changes, whichever clock decided it. The JavaScript function is for the newsroom
// and commands, which hold the row anyway (and may pass `now` in tests).
// `hasHadPublicAddress` is the wider rule for redirects: readers may have met it once.

/** The same condition on another name for `stories` (an alias in a subquery). */
export function publishedNowIn(table: { status: AnyPgColumn; publishedAt: AnyPgColumn }): SQL {
  return and(eq(table.status, "published"), lte(table.publishedAt, sql`now()`))!;
}

/**
 * Not in the trash: a condition for every newsroom list and picker (lib/stories/trash.ts). Public
 * reads need not ask: a story in the trash is never published.
 */
export const notTrashed: SQL = isNull(stories.trashedAt);

/** Readers may see the story now: a condition on `stories`, for every public read. */
export const publishedNow: SQL = publishedNowIn(stories);

/**
 * Whether readers may have met the story at its address: published (even embargoed), pulled, or
 * published once. A moved story keeps its old address, as a redirect, only then.
 */
export function hasHadPublicAddress(story: Pick<Story, "status" | "publishedAt">): boolean {
  return story.status === "published" || story.status === "unpublished" || story.publishedAt !== null;
}

/** The same rule as `publishedNow`, for a story already loaded. */
export function isPublishedNow(story: Pick<Story, "status" | "publishedAt">, now = new Date()): boolean {
  return story.status === "published" && story.publishedAt !== null && story.publishedAt <= now;
}
