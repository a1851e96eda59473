// What an archive holds, as both readers (./wxr.ts for WordPress, ./ghost.ts for Ghost) hand it
// to the importer (./importer.ts): the same few kinds whatever the export's format, each with the
// export's own id so a second run can find what the first one made.

export type ArchiveFormat = "wordpress" | "ghost";

export interface SourceAuthor {
  sourceId: string;
  name: string;
  /** The old site's slug or login: the new slug when free, and the old author archive's address. */
  slug: string;
  bio?: string;
  /** Address of the profile image (Ghost), found in the media folder like any image. */
  photoUrl?: string;
}

export interface SourceSection {
  sourceId: string;
  name: string;
  slug: string;
  description?: string;
  /** The parent's sourceId; parents come before their children in the catalog. */
  parentSourceId?: string;
}

export interface SourceTag {
  sourceId: string;
  name: string;
  slug: string;
}

/** An image of the archive (a WordPress attachment, a Ghost feature or profile image). */
export interface SourceMedia {
  sourceId: string;
  url: string;
  /** Where the file should be below the media folder ("2019/04/harbor.jpg"). */
  file?: string;
  alt?: string;
  title?: string;
  caption?: string;
  credit?: string;
}

export interface SourceComment {
  sourceId: string;
  parentSourceId?: string;
  status: "approved" | "pending" | "spam";
  authorName: string;
  email?: string;
  /** As the old site stored it: HTML that the body converter reads into plain text. */
  html: string;
  createdAt?: Date;
}

export type SourceBody = { kind: "html"; html: string } | { kind: "ghost"; mobiledoc?: string | null; lexical?: string | null; html?: string | null };

export interface SourceStory {
  sourceId: string;
  /** "post 123": how problems name it. */
  item: string;
  headline: string;
  deck: string;
  slug: string;
  status: "published" | "scheduled" | "draft";
  publishedAt?: Date;
  updatedAt?: Date;
  body: SourceBody;
  authorSourceIds: string[];
  sectionSourceId?: string;
  tagSourceIds: string[];
  heroMediaSourceId?: string;
  /** The hero's caption when the post itself gives one (Ghost's feature_image_caption). */
  heroCaption?: string;
  heroAlt?: string;
  comments: SourceComment[];
  /** Comments the export has but the site does not take (pingbacks, trackbacks), with the reason. */
  droppedComments: SkippedItem[];
  commentsOpen: boolean;
  /** What the old-URL helpers read: the export's own fields for this post. */
  old: Record<string, string | number | undefined>;
}

export interface SkippedItem {
  item: string;
  reason: string;
}

/** Everything stories refer to, read in a first pass over the file. */
export interface Catalog {
  format: ArchiveFormat;
  /** Names the archive in import_sources: "wordpress:https://old.example.com". */
  source: string;
  siteUrl: string;
  authors: SourceAuthor[];
  sections: SourceSection[];
  tags: SourceTag[];
  media: Map<string, SourceMedia>;
  /** Stories the second pass will hand over. */
  storyCount: number;
  commentCount: number;
  skipped: SkippedItem[];
}

export interface ArchiveReader {
  readCatalog(): Promise<Catalog>;
  stories(): AsyncIterable<SourceStory>;
}

/** The file cannot be read as the format it claims: where, and why. Nothing is written. */
export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveFormatError";
  }
}
