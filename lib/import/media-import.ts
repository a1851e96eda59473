import fs from "node:fs";
import path from "node:path";
import { uploadImage } from "@/lib/media/upload";
import { DomainError } from "@/lib/errors";
import type { Catalog, SourceMedia } from "./model";
import type { RunState } from "./run-state";
import { rememberSources } from "./sources";
import type { ImageRef } from "./types";

// The archive's images: each file is looked for in the folder given with --media (by the path
// the old site stored it under, then by its name alone) and uploaded through the media library's
// own upload (decoded, re-encoded, variants made), once per source id. A file not found, or not
// an image, is a warning and the story goes on without it.

const MAX_CAPTION = 500;
const MAX_CREDIT = 200;
const MAX_ALT = 500;

/** "https://old.example/wp-content/uploads/2019/04/harbor-1024x768.jpg" → ".../harbor.jpg": the original of a resized copy. */
function originalOf(url: string): string {
  return url.replace(/-\d+x\d+(\.\w+)(\?.*)?$/, "$1");
}

/** The path below an uploads folder ("2019/04/harbor.jpg"), read from the address. */
function uploadsPath(url: string): string | undefined {
  let pathname = url;
  try {
    pathname = decodeURIComponent(new URL(url, "http://archive.invalid").pathname);
  } catch {
    // Not an address: taken as a path.
  }
  return /\/(?:wp-content\/uploads|content\/images)\/(.+)$/.exec(pathname)?.[1] ?? pathname.replace(/^\/+/, "");
}

function findFile(dir: string, media: SourceMedia): string | null {
  const relative = [media.file, uploadsPath(media.url), uploadsPath(originalOf(media.url))].filter((p): p is string => Boolean(p));
  const candidates = [...relative, ...relative.map((p) => path.basename(p))];
  for (const candidate of candidates) {
    const full = path.resolve(dir, candidate);
    // Never outside the folder given, whatever the export says.
    if (!full.startsWith(path.resolve(dir) + path.sep)) continue;
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return full;
  }
  return null;
}

const clip = (text: string | undefined, max: number) => (text ?? "").replace(/\s+/g, " ").trim().slice(0, max);

/** The library's id of an archive image, uploading it the first time; null when it cannot be had. */
export async function resolveMedia(state: RunState, media: SourceMedia, item: string): Promise<number | null> {
  const known = state.known.media.get(media.sourceId);
  if (known !== undefined) return usableId(known);
  const missing = (why: string) => {
    state.warn(item, `${why}: ${media.url}`);
    state.known.media.set(media.sourceId, -1);
    return null;
  };
  if (!state.mediaDir) return missing("no media folder was given (--media), so the image stays on the old site");
  const file = findFile(state.mediaDir, media);
  if (!file) return missing(`image not found in ${state.mediaDir}`);
  if (state.dryRun) {
    const id = state.nextDryId();
    state.known.media.set(media.sourceId, id);
    state.report.created.media++;
    return id;
  }
  const details = {
    alt: clip(media.alt || media.title || path.basename(file), MAX_ALT),
    caption: clip(media.caption, MAX_CAPTION),
    credit: clip(media.credit, MAX_CREDIT),
  };
  try {
    const id = await state.db.transaction(async (tx) => {
      const uploaded = await uploadImage(state.actor, { bytes: fs.readFileSync(file), name: path.basename(file) }, details, tx);
      await rememberSources(tx, state.catalog.source, "media", [[media.sourceId, uploaded.id]]);
      return uploaded.id;
    });
    state.known.media.set(media.sourceId, id);
    state.report.created.media++;
    return id;
  } catch (error) {
    if (error instanceof DomainError) return missing(`image refused (${error.message})`);
    throw error;
  }
}

/** Finds an image of a body among the archive's attachments by its address, or takes it as one of its own. */
export function mediaForRef(state: RunState, ref: ImageRef): SourceMedia {
  const wanted = originalOf(ref.src);
  return byAddress(state.catalog).get(wanted) ?? { sourceId: wanted, url: wanted, alt: ref.alt, caption: ref.caption, credit: ref.credit };
}

const addressIndexes = new WeakMap<Catalog, Map<string, SourceMedia>>();

function byAddress(catalog: Catalog): Map<string, SourceMedia> {
  let index = addressIndexes.get(catalog);
  if (!index) {
    index = new Map([...catalog.media.values()].map((media) => [originalOf(media.url), media]));
    addressIndexes.set(catalog, index);
  }
  return index;
}

/** Known ids only: -1 marks an image already found missing. */
export const usableId = (id: number | null | undefined): number | null => (id !== null && id !== undefined && id > 0 ? id : null);
