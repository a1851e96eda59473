import { getDb, type Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canManageSections } from "@/lib/auth/roles";
import { ForbiddenError } from "@/lib/errors";
import { invalidatePathRules } from "@/lib/routing/path-rules";
import { importCatalog } from "./catalog-import";
import type { ArchiveReader } from "./model";
import { emptyCounts, type Converters, type ImportReport, type Progress, type RunState } from "./run-state";
import { readSourceMap } from "./sources";
import { importStory } from "./story-import";

// An archive import, start to end: the first pass reads the whole file (a malformed or truncated
// one stops here, before anything is written), then authors and sections are found or made, then
// the stories one transaction each. Every item remembers its source id (import_sources), so a
// second run has nothing to do and an interrupted one goes on from where it stopped.

export interface ImportOptions {
  reader: ArchiveReader;
  /** An admin: the import makes sections, which only admins do. */
  actor: Actor;
  converters: Converters;
  mediaDir?: string | null;
  dryRun?: boolean;
  db?: Db;
  onProgress?: (progress: Progress) => void;
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  if (!canManageSections(options.actor)) throw new ForbiddenError("Only an admin can import an archive: it makes sections.");
  const started = Date.now();
  const db = options.db ?? getDb();
  const catalog = await options.reader.readCatalog();
  const dryRun = options.dryRun ?? false;
  const report: ImportReport = {
    format: catalog.format,
    dryRun,
    created: emptyCounts(),
    existing: emptyCounts(),
    skipped: [...catalog.skipped],
    failed: [],
    warnings: [],
    seconds: 0,
  };
  const [story, section, tag, author, media] = await Promise.all(
    (["story", "section", "tag", "author", "media"] as const).map((kind) => readSourceMap(db, catalog.source, kind)),
  );
  let dryId = 0;
  const warned = new Set<string>();
  const state: RunState = {
    db,
    actor: options.actor,
    catalog,
    converters: options.converters,
    mediaDir: options.mediaDir ?? null,
    dryRun,
    known: { story: story!, section: section!, tag: tag!, author: author!, media: media! },
    report,
    nextDryId: () => 2_000_000_000 - ++dryId,
    warn(item, message) {
      // One line per problem and item: an image missing from ten posts is named under each.
      const key = `${item}\u0000${message}`;
      if (warned.has(key)) return;
      warned.add(key);
      report.warnings.push({ item, message });
    },
  };

  await importCatalog(state);
  let done = 0;
  const progress = () => options.onProgress?.({ done, total: catalog.storyCount, created: report.created, elapsedMs: Date.now() - started });
  progress();
  for await (const source of options.reader.stories()) {
    await importStory(state, source);
    done++;
    progress();
  }
  if (!dryRun && report.created.story) invalidatePathRules();
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
