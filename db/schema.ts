import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { StoryDocument } from "./story-document";

// The whole data dictionary of the publication (DESIGN.md, "Data"). Columns are snake_case in the
// database (drizzle.config.ts `casing`) and camelCase here.

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const userRole = pgEnum("user_role", ["admin", "editor", "writer"]);
export const storyStatus = pgEnum("story_status", [
  "draft",
  "review",
  "scheduled",
  "published",
  "unpublished",
]);
export const commentStatus = pgEnum("comment_status", ["pending", "approved", "spam", "removed"]);
export const streamKind = pgEnum("stream_kind", ["video", "audio"]);
export const streamStatus = pgEnum("stream_status", ["on_air", "off_air"]);

/** People who sign in to the newsroom. */
export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull().default("writer"),
    passwordHash: text().notNull(),
    /** Bumped on password reset, role change or disabling: older sessions stop working. */
    sessionVersion: integer().notNull().default(1),
    disabledAt: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    /** TOTP secret, AES-256-GCM under a key derived from AUTH_SECRET (lib/auth/two-factor.ts). */
    totpSecret: text(),
    /** Set once a code confirmed the secret: from then on sign-in asks for a code. */
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The 30-second step of the last code accepted: a code is never accepted twice. */
    totpLastStep: bigint({ mode: "number" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const accountLinkPurpose = pgEnum("account_link_purpose", ["invitation", "password_reset"]);

/**
 * Links an admin hands over: an invitation (who, with which role) or a password reset (whose).
 * Only a hash of the token is stored; a link works once, until it expires or is revoked.
 */
export const accountLinks = pgTable(
  "account_links",
  {
    id: id(),
    purpose: accountLinkPurpose().notNull(),
    tokenHash: text().notNull(),
    /** The invitee's address and name; for a reset, the person's at the time. */
    email: text().notNull(),
    name: text().notNull(),
    /** The role an invitation gives; null for a reset. */
    role: userRole(),
    /** Whose password a reset sets; after an invitation is accepted, the new account. */
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("account_links_token_key").on(t.tokenHash),
    index("account_links_pending_idx").on(t.purpose, t.expiresAt),
  ],
);

/** The section tree: News > U.S. `path` is the full URL path ("news/us"), kept by the domain code. */
export const sections = pgTable(
  "sections",
  {
    id: id(),
    parentId: integer().references((): AnyPgColumn => sections.id, { onDelete: "restrict" }),
    slug: text().notNull(),
    path: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    sortOrder: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sections_path_key").on(t.path),
    index("sections_parent_idx").on(t.parentId, t.sortOrder),
  ],
);

/** Bylines. An author may or may not be a newsroom user. */
export const authors = pgTable(
  "authors",
  {
    id: id(),
    slug: text().notNull(),
    name: text().notNull(),
    title: text().notNull().default(""),
    bio: text().notNull().default(""),
    /** Portrait on the author page; the image stays if the author goes. */
    photoMediaId: integer().references(() => media.id, { onDelete: "set null" }),
    /** Elsewhere on the web, in order (validated by lib/authors/links.ts: http and https only). */
    links: jsonb().$type<{ label: string; url: string }[]>().notNull().default([]),
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // One profile per staff account: "their byline" is never ambiguous.
  (t) => [uniqueIndex("authors_slug_key").on(t.slug), uniqueIndex("authors_user_id_key").on(t.userId)],
);

/** Uploaded images. Files live under DATA_DIR/uploads (or object storage) by `storageKey`. */
/**
 * The words an image of the library is found by: its alt text, caption, credit and the name of the
 * file it was uploaded as, that name also split at dots, dashes and underscores ("harb" finds
 * "harbor_dawn.jpg"). Read like `searchVector` (lib/text/search-words.ts `startsOfWords`) and
 * GIN-indexed as this very expression.
 */
export const mediaSearchVector = (t: { alt: AnyPgColumn; caption: AnyPgColumn; credit: AnyPgColumn; fileName: AnyPgColumn }) =>
  sql`to_tsvector('simple', ${t.alt} || ' ' || ${t.caption} || ' ' || ${t.credit} || ' ' || ${t.fileName} || ' ' || regexp_replace(${t.fileName}, '[^[:alnum:]]+', ' ', 'g'))`;

export const media = pgTable(
  "media",
  {
    id: id(),
    storageKey: text().notNull(),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: integer().notNull(),
    alt: text().notNull(),
    caption: text().notNull().default(""),
    credit: text().notNull().default(""),
    /** The name of the file as it was uploaded (stored under `storageKey`, a generated name). */
    fileName: text().notNull().default(""),
    /** Smaller WebP copies made at upload: [{ width, storageKey }], narrowest first. */
    variants: jsonb().$type<{ width: number; storageKey: string }[]>().notNull().default([]),
    uploadedById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("media_storage_key_key").on(t.storageKey),
    // The library newest first, paged by keyset (lib/pagination/keyset.ts), and searched by words.
    index("media_created_idx").on(t.createdAt, t.id),
    index("media_words_idx").using("gin", mediaSearchVector(t)).with({ fastupdate: false }),
  ],
);

/**
 * The words of a text as full-text search reads them: lower-cased, no stemming ("simple"), so a
 * typed word finds the words it begins (lib/text/search-words.ts `startsOfWords`). Indexed as is.
 */
export const searchVector = (text: AnyPgColumn) => sql`to_tsvector('simple', ${text})`;

/** A PostgreSQL tsvector, written and read as SQL only (lib/stories/search-vector.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const stories = pgTable(
  "stories",
  {
    id: id(),
    /** Unique across the site; the last segment of the story's URL. */
    slug: text().notNull(),
    sectionId: integer()
      .notNull()
      .references(() => sections.id, { onDelete: "restrict" }),
    headline: text().notNull(),
    deck: text().notNull().default(""),
    body: jsonb().$type<StoryDocument>().notNull(),
    heroMediaId: integer().references(() => media.id, { onDelete: "set null" }),
    /** Alt text, caption and credit as used on this story (may differ from the library's). */
    heroAlt: text().notNull().default(""),
    heroCaption: text().notNull().default(""),
    heroCredit: text().notNull().default(""),
    status: storyStatus().notNull().default("draft"),
    publishedAt: timestamp({ withTimezone: true }),
    /** When readers were last shown a change after publication ("Updated …"). */
    revisedAt: timestamp({ withTimezone: true }),
    scheduledAt: timestamp({ withTimezone: true }),
    unpublishedAt: timestamp({ withTimezone: true }),
    /** When it was last submitted for review: the review queue's order, oldest first. */
    submittedAt: timestamp({ withTimezone: true }),
    /**
     * The content revision: 1 at creation, one more per content save (each keeps a snapshot in
     * story_revisions, numbered 1..n without gaps). Workflow steps never change it, so a save
     * carries the revision it started from and is refused only when someone else saved.
     */
    revision: integer().notNull().default(1),
    seoTitle: text().notNull().default(""),
    seoDescription: text().notNull().default(""),
    commentsOpen: boolean().notNull().default(true),
    /**
     * In the trash since then (null: not trashed): gone from every list, restorable, and purged
     * for good 30 days later (lib/stories/trash.ts). Never set while published or scheduled.
     */
    trashedAt: timestamp({ withTimezone: true }),
    trashedById: integer().references(() => users.id, { onDelete: "set null" }),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    updatedById: integer().references(() => users.id, { onDelete: "set null" }),
    /**
     * The words the story is found by — headline, deck, bylines, tags, body text — weighted and
     * stemmed ('english'); written in the transaction of every write that changes one of them
     * (lib/stories/search-vector.ts, by the database function story_search_vector).
     */
    searchVector: tsvector().notNull().default(sql`''::tsvector`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stories_slug_key").on(t.slug),
    // The lists' indexes are ascending and read backward for "newest first": a backward scan
    // yields exactly the order the lists ask for (`desc`, which puts nulls first), and keyset
    // paging's row comparison is an index condition (lib/pagination/keyset.ts).
    // Published stories, newest first, overall and per section.
    index("stories_published_idx").on(t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
    index("stories_section_published_idx").on(t.sectionId, t.publishedAt, t.id).where(sql`${t.status} = 'published'`),
    // Each section's latest change readers saw, for the sections sitemap (lib/sitemaps/queries.ts).
    index("stories_section_changed_idx")
      .on(t.sectionId, sql`greatest(${t.publishedAt}, ${t.revisedAt})`)
      .where(sql`${t.status} = 'published'`),
    // The newsroom's list, last changed first: all stories, or those of one status.
    index("stories_updated_idx").on(t.updatedAt, t.id),
    index("stories_status_idx").on(t.status, t.updatedAt, t.id),
    // "Needs you" (lib/stories/needs-you.ts): the review queue, longest waiting first, and the
    // schedule, soonest first; the sweeper's due stories too.
    index("stories_review_queue_idx").on(t.submittedAt, t.id).where(sql`${t.status} = 'review'`),
    index("stories_scheduled_idx").on(t.scheduledAt, t.id).where(sql`${t.status} = 'scheduled'`),
    // A writer's own stories (their dashboard filter, the comments on them).
    index("stories_created_by_idx").on(t.createdById),
    // The trash, oldest first for the sweeper's purge, newest first for the Trash view.
    index("stories_trashed_idx").on(t.trashedAt, t.id).where(sql`${t.trashedAt} is not null`),
    // The newsroom's story search (and the public search's): everything a story is found by.
    index("stories_search_idx").using("gin", t.searchVector).with({ fastupdate: false }),
    check("stories_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

/**
 * A story's publication as copied onto its links to tags and authors: set while the story's status
 * is published (even embargoed), null otherwise. Kept by the database itself, in the transaction
 * of every write to a story or a link (triggers of migration 0008_link_publication_triggers), so no
 * command can forget them; the copies only order and narrow — public reads still ask
 * `publishedNow` of the story. A tag's or author's stories are then read newest first from the
 * link's own index, and its latest change is one index step, however large the archive.
 */
const publicationCopies = () => ({
  /** The story's publishedAt while it is published. */
  publishedAt: timestamp({ withTimezone: true }),
  /** The story's latest change readers saw, greatest(publishedAt, revisedAt), while it is published. */
  changedAt: timestamp({ withTimezone: true }),
});

export const storyAuthors = pgTable(
  "story_authors",
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    authorId: integer()
      .notNull()
      .references(() => authors.id, { onDelete: "restrict" }),
    position: integer().notNull().default(0),
    ...publicationCopies(),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.authorId] }),
    index("story_authors_author_idx").on(t.authorId),
    // An author's published stories newest first, and the author's latest change (author pages,
    // feeds and sitemap): walks of the copies, whatever the size of the archive.
    index("story_authors_author_published_idx").on(t.authorId, t.publishedAt, t.storyId).where(sql`${t.publishedAt} is not null`),
    index("story_authors_author_changed_idx").on(t.authorId, t.changedAt).where(sql`${t.changedAt} is not null`),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: id(),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("tags_slug_key").on(t.slug)],
);

export const storyTags = pgTable(
  "story_tags",
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    tagId: integer()
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
    ...publicationCopies(),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.tagId] }),
    index("story_tags_tag_idx").on(t.tagId),
    // A tag's published stories newest first, and the tag's latest change (tag pages, feeds and sitemap).
    index("story_tags_tag_published_idx").on(t.tagId, t.publishedAt, t.storyId).where(sql`${t.publishedAt} is not null`),
    index("story_tags_tag_changed_idx").on(t.tagId, t.changedAt).where(sql`${t.changedAt} is not null`),
  ],
);

/** Hand-picked related stories, listed after the body. */
export const relatedStories = pgTable(
  "related_stories",
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    relatedId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.relatedId] }),
    check("related_stories_not_self", sql`${t.storyId} <> ${t.relatedId}`),
  ],
);

/** A snapshot of the story as each save left it. */
export const storyRevisions = pgTable(
  "story_revisions",
  {
    id: id(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    revision: integer().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    authorId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("story_revisions_story_revision_key").on(t.storyId, t.revision)],
);

/**
 * Who has a story open in the editor now: one row per story and person, upserted by the editor's
 * heartbeat and deleted when they leave (lib/stories/presence.ts). A row older than a minute is
 * someone who left without saying so; readers of the table ignore it.
 */
export const storyPresence = pgTable(
  "story_presence",
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.userId] })],
);

/** Dated correction notes shown at the end of an article. */
export const corrections = pgTable(
  "corrections",
  {
    id: id(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    note: text().notNull(),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("corrections_story_idx").on(t.storyId, t.createdAt)],
);

/**
 * Review notes: an editor sends a story in review back to its writer with one of these
 * (lib/stories/workflow.ts, sendBackStory). Open until the story is submitted again.
 */
export const storyNotes = pgTable(
  "story_notes",
  {
    id: id(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    authorId: integer().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
    /** When the story was submitted again after the note; null while the note waits for its writer. */
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("story_notes_story_idx").on(t.storyId, t.createdAt),
    // The open notes, for the writers' "Needs you": few at any time, whatever the archive holds.
    index("story_notes_open_idx").on(t.createdAt, t.id).where(sql`${t.resolvedAt} is null`),
  ],
);

/** Private preview links of unpublished stories: a random token, stored as a hash, revocable. */
export const previewLinks = pgTable(
  "preview_links",
  {
    id: id(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("preview_links_token_key").on(t.tokenHash), index("preview_links_story_idx").on(t.storyId)],
);

/**
 * Old paths of stories whose slug or section changed, of sections that moved (their page and
 * feed) and of authors whose slug changed (their page and feed); answered with a 301 to the
 * current URL of the story, section or author. Each leads to one of them, or to none: the
 * addresses of a story purged from the trash after readers met it, which answer 410 until a
 * story or section takes the address again.
 */
export const redirects = pgTable(
  "redirects",
  {
    fromPath: text().primaryKey(),
    storyId: integer().references(() => stories.id, { onDelete: "cascade" }),
    sectionId: integer().references(() => sections.id, { onDelete: "cascade" }),
    authorId: integer().references(() => authors.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("redirects_story_idx").on(t.storyId),
    index("redirects_section_idx").on(t.sectionId),
    index("redirects_author_idx").on(t.authorId),
    check("redirects_one_target", sql`num_nonnulls(${t.storyId}, ${t.sectionId}, ${t.authorId}) <= 1`),
  ],
);

/**
 * Addresses of an imported site (WordPress, Ghost) and what each now leads to: a story, a
 * section, a tag or an author (their page, or their feed with `feed`), the site's feed (no
 * target, `feed`), or nothing any more (no target: a story deleted for good, answered 410). The key is the decoded path without its trailing slash (`/2019/04/29/slug`,
 * `/category/news/feed`), or `/?p=123` for WordPress's query addresses. Unlike `redirects`, these
 * are never loaded whole: the server looks one up only for a request no page of ours answers
 * (lib/routing/old-paths.ts), so an archive's tens of thousands of old addresses cost no memory.
 */
export const oldPaths = pgTable(
  "old_paths",
  {
    path: text().primaryKey(),
    /** Set null when the story is deleted for good: its old addresses then answer 410, as its own does. */
    storyId: integer().references(() => stories.id, { onDelete: "set null" }),
    sectionId: integer().references(() => sections.id, { onDelete: "cascade" }),
    tagId: integer().references(() => tags.id, { onDelete: "cascade" }),
    authorId: integer().references(() => authors.id, { onDelete: "cascade" }),
    feed: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("old_paths_story_idx").on(t.storyId).where(sql`${t.storyId} is not null`),
    index("old_paths_section_idx").on(t.sectionId).where(sql`${t.sectionId} is not null`),
    index("old_paths_tag_idx").on(t.tagId).where(sql`${t.tagId} is not null`),
    index("old_paths_author_idx").on(t.authorId).where(sql`${t.authorId} is not null`),
    check(
      "old_paths_one_target",
      sql`num_nonnulls(${t.storyId}, ${t.sectionId}, ${t.tagId}, ${t.authorId}) = 1 and not (${t.feed} and ${t.storyId} is not null) or num_nonnulls(${t.storyId}, ${t.sectionId}, ${t.tagId}, ${t.authorId}) = 0`,
    ),
  ],
);

/** 1 for a comment awaiting moderation, else 0: the moderation queue sorts on it, and indexes it. */
export const pendingFirst = (status: AnyPgColumn) => sql<number>`(case when ${status} = 'pending' then 1 else 0 end)`;

export const comments = pgTable(
  "comments",
  {
    id: id(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    parentId: integer().references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    status: commentStatus().notNull().default("pending"),
    authorName: text().notNull(),
    /** Never shown; a hash so moderators can recognise a repeat commenter. */
    emailHash: text(),
    body: text().notNull(),
    ipHash: text(),
    /** Keyed hash of the commenter's own secret (a cookie), so trust follows the sender, not the address. */
    senderHash: text(),
    idempotencyKey: text(),
    approvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("comments_story_idx").on(t.storyId, t.status, t.createdAt),
    // Replies under the comments of a thread page (and the cascade when a comment goes).
    index("comments_parent_idx").on(t.parentId),
    // The moderation queue: all comments, pending first then newest (its order's expression,
    // lib/comments/moderation.ts), or one status, newest first.
    index("comments_queue_idx").on(pendingFirst(t.status), t.createdAt, t.id),
    index("comments_status_idx").on(t.status, t.createdAt, t.id),
    // The newest comments, whatever their status: the moderation queue's story filter.
    index("comments_created_idx").on(t.createdAt, t.id),
    index("comments_sender_idx").on(t.senderHash, t.status),
    uniqueIndex("comments_idempotency_key").on(t.idempotencyKey),
  ],
);

/**
 * Readers' views of a story, counted per story per hour (UTC): no cookie, no address, nothing
 * about the reader is kept, only how many. Written in batches by the view counter (never one
 * write per page view) and read for "Most read" and the newsroom's charts.
 */
export const storyViews = pgTable(
  "story_views",
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    /** The start of the hour the views fell in. */
    hour: timestamp({ withTimezone: true }).notNull(),
    views: integer().notNull().default(0),
  },
  (t) => [
    // One story's views by hour (its chart, its sparkline).
    primaryKey({ columns: [t.storyId, t.hour] }),
    // The site's views over a time window (most read, daily totals, today's top stories).
    index("story_views_hour_idx").on(t.hour, t.storyId, t.views),
  ],
);

/**
 * The archive's own words, for the public search's spelling suggestions (lib/search/suggestions.ts):
 * every word of the headlines, decks and tags of published stories, unstemmed, with how many
 * stories use it. Rebuilt from the stories a slice at a time (never written by hand); matched by trigram similarity
 * through an index the migration adds only where the server has pg_trgm.
 */
export const searchWords = pgTable("search_words", {
  word: text().primaryKey(),
  stories: integer().notNull(),
  /** The rebuild that last saw the word (its start, epoch seconds): a word no rebuild sees again goes. */
  pass: bigint({ mode: "number" }).notNull(),
});

export const liveStreams = pgTable(
  "live_streams",
  {
    id: id(),
    slug: text().notNull(),
    kind: streamKind().notNull(),
    title: text().notNull(),
    url: text().notNull().default(""),
    posterMediaId: integer().references(() => media.id, { onDelete: "set null" }),
    status: streamStatus().notNull().default("off_air"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("live_streams_slug_key").on(t.slug)],
);

export const liveShows = pgTable(
  "live_shows",
  {
    id: id(),
    streamId: integer()
      .notNull()
      .references(() => liveStreams.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text().notNull().default(""),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("live_shows_stream_idx").on(t.streamId, t.startsAt),
    check("live_shows_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Site-wide settings edited in the newsroom (key → JSON value). */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: updatedAt(),
});

/** Fixed-window counters for sign-in throttling and rate limits, shared by every instance. */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  count: integer().notNull().default(0),
  resetAt: timestamp({ withTimezone: true }).notNull(),
  blockedUntil: timestamp({ withTimezone: true }),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    /** Null: the token does not expire. */
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ip: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);

/**
 * What an archive import brought in (lib/import/): each item of a WordPress or Ghost export — a
 * story, section, tag, author, image or comment — by the export's own id, with the row made from
 * it. A second run finds every item here and creates nothing; an interrupted one goes on from the
 * first item not here. `source` names the export's site ("wordpress:https://old.example.com").
 */
export const importSources = pgTable(
  "import_sources",
  {
    id: id(),
    source: text().notNull(),
    kind: text().notNull(),
    sourceId: text().notNull(),
    targetId: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("import_sources_key").on(t.source, t.kind, t.sourceId)],
);

export type User = typeof users.$inferSelect;
export type Section = typeof sections.$inferSelect;
export type Author = typeof authors.$inferSelect;
export type Media = typeof media.$inferSelect;
export type Story = typeof stories.$inferSelect;
export type NewStory = typeof stories.$inferInsert;
export type Tag = typeof tags.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type LiveStream = typeof liveStreams.$inferSelect;
export type LiveShow = typeof liveShows.$inferSelect;
export type StoryView = typeof storyViews.$inferSelect;
export type SearchWord = typeof searchWords.$inferSelect;
