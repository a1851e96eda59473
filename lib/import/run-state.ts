import type { Db } from "@/lib/db";
import type { Tx } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import type { Catalog, SkippedItem, SourceBody, SourceStory } from "./model";
import type { OldPathTarget } from "./old-urls";
import type { SourceKind } from "./sources";
import type { ConvertResult, ImageRef, ImportWarning, ResolveImage } from "./types";

// What one import run carries from step to step: the archive's catalog, who it acts as, the
// source ids already known, and the report it fills in.


export interface BodyOptions {
  item: string;
  resolveImage?: ResolveImage;
  /** The old site's address, against which relative links and images are read. */
  baseUrl?: string;
  /** A WordPress attachment by its post id (a [gallery ids="…"] names images by id only). */
  attachment?: (id: number) => ImageRef | null | undefined;
}

/**
 * The body converters and old-URL helpers (lib/import/html-to-document.ts, ghost-document.ts,
 * old-urls.ts), handed in so the importer depends on their interface only (./converters.ts wires
 * the real ones).
 */
export interface Converters {
  body(body: SourceBody, options: BodyOptions): Promise<ConvertResult>;
  storyOldPaths(story: SourceStory, catalog: Catalog): string[];
  /** A category's (its slugs from the top), tag's or author's old pages and feeds. */
  archiveOldPaths(kind: "category" | "tag" | "author", slugs: string[], catalog: Catalog): { page: string[]; feed: string[] };
  siteFeedOldPaths(catalog: Catalog): string[];
  /** Stores old addresses; those already leading elsewhere come back, for the report. */
  recordOldPaths(tx: Tx, target: OldPathTarget, paths: string[]): Promise<{ path: string; message: string }[]>;
}

export type Counts = Record<SourceKind, number>;

export const emptyCounts = (): Counts => ({ story: 0, section: 0, tag: 0, author: 0, media: 0, comment: 0 });

export interface ImportReport {
  format: Catalog["format"];
  dryRun: boolean;
  /** Made by this run (or, in a dry run, that would be). */
  created: Counts;
  /** Found from an earlier run of the same archive: nothing to do. */
  existing: Counts;
  skipped: SkippedItem[];
  /** Stories that could not be imported, with the reason; nothing of them was written. */
  failed: SkippedItem[];
  warnings: ImportWarning[];
  seconds: number;
}

export interface Progress {
  done: number;
  total: number;
  created: Counts;
  elapsedMs: number;
}

export interface RunState {
  db: Db;
  actor: Actor;
  catalog: Catalog;
  converters: Converters;
  mediaDir: string | null;
  dryRun: boolean;
  /** Source id → row id, per kind; in a dry run, made-up ids for what would be made. */
  known: Record<Exclude<SourceKind, "comment">, Map<string, number>>;
  report: ImportReport;
  /** Ids a dry run hands out for rows it does not make. */
  nextDryId: () => number;
  warn(item: string, message: string): void;
}
