import sharp from "sharp";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { getDb, type Db } from "@/lib/db";
import { media } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { DomainError, parseInput, ValidationError } from "@/lib/errors";
import { encodeAs, encodeVariant, sniffImageType, storedExtension, type ImageKind } from "./formats";
import { log } from "@/lib/log";
import { mediaStore, newStorageKey } from "./storage";
import { mimeByExtension, type MediaStore } from "./store";
import { mediaUrl } from "./urls";

// Uploading an image: the type is read from the file's first bytes (never its name), the image
// is decoded and re-encoded by sharp in its own format (dropping metadata such as GPS positions),
// a pixel limit stops decompression bombs, and smaller WebP copies are made for the library.
// Files get names the server generates. SVG and everything else is refused.

export class UnsupportedMediaError extends DomainError {
  constructor() {
    super("Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded.", 415);
  }
}

/** Larger than this many pixels is refused before it is decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;
const MAX_STORED_WIDTH = 2400;
const VARIANT_WIDTHS = [480, 960, 1600];

export const mediaDetailsSchema = z.object({
  alt: text().trim().min(1, "Describe the image for people who cannot see it").max(500),
  caption: text().trim().max(500).default(""),
  credit: text().trim().max(200).default(""),
});

/** The uploaded file's own name as kept for search: no folders, no NUL or broken surrogates, 255 characters at most. */
export function storedFileName(name: string | undefined): string {
  return (name ?? "")
    .replace(/[\u0000\p{Cs}]/gu, "")
    .split(/[\\/]/)
    .at(-1)!
    .trim()
    .slice(0, 255);
}

async function encode(kind: ImageKind, bytes: Uint8Array) {
  const animated = kind === "gif" || kind === "webp";
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated, failOn: "error" });
  const metadata = await image.metadata();
  if (!metadata.width || !metadata.height) throw new ValidationError({ file: "This file is not a readable image" });
  const extension = storedExtension[kind];
  const resized = image.rotate().resize({ width: MAX_STORED_WIDTH, withoutEnlargement: true });
  const { data, info } = await encodeAs(resized, extension).toBuffer({ resolveWithObject: true });
  const pageHeight = info.pageHeight ?? info.height;
  return { extension, data, width: info.width, height: pageHeight };
}

export async function uploadImage(
  actor: Actor,
  file: { bytes: Uint8Array; name?: string },
  details: unknown,
  db: Db = getDb(),
  store: MediaStore = mediaStore(),
) {
  const input = parseInput(mediaDetailsSchema, details);
  const kind = sniffImageType(file.bytes);
  if (!kind) throw new UnsupportedMediaError();

  let encoded;
  try {
    encoded = await encode(kind, file.bytes);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = (error as Error).message ?? "";
    if (/pixel limit/i.test(message)) {
      throw new ValidationError({ file: `The image has more than ${MAX_INPUT_PIXELS / 1_000_000} million pixels` });
    }
    throw new ValidationError({ file: "The image could not be read; it may be damaged" });
  }

  const key = newStorageKey(encoded.extension);
  // The files first, then the row and its audit entry in one transaction; if any of it fails
  // (a full disk, the bucket or the database away), the files written so far go: no file without
  // its row, no row without its files. A file that cannot be removed then (the bucket gone in
  // the middle) is logged: no row names it, so no page ever will.
  const written: string[] = [];
  const variants: { width: number; storageKey: string }[] = [];
  let row: typeof media.$inferSelect;
  try {
    await store.put(key, encoded.data);
    written.push(key);
    for (const width of VARIANT_WIDTHS.filter((w) => w < encoded.width)) {
      const variantKey = key.replace(/\.\w+$/, `-w${width}.webp`);
      await store.put(variantKey, await encodeVariant(encoded.data, width));
      written.push(variantKey);
      variants.push({ width, storageKey: variantKey });
    }
    row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(media)
        .values({
          storageKey: key,
          mimeType: mimeByExtension[encoded.extension],
          width: encoded.width,
          height: encoded.height,
          bytes: encoded.data.length,
          ...input,
          fileName: storedFileName(file.name),
          variants,
          uploadedById: actor.id,
        })
        .returning();
      await recordAudit({ actorId: actor.id, action: "media.upload", targetType: "media", targetId: inserted!.id, details: { name: file.name ?? null, bytes: file.bytes.length }, ip: actor.ip }, tx);
      return inserted!;
    });
  } catch (error) {
    await Promise.all(
      written.map((stored) => store.delete(stored).catch(() => log.warn({ key: stored, store: store.location }, "orphan upload left behind: no row names it"))),
    );
    throw error;
  }
  return {
    id: row.id,
    src: mediaUrl(key),
    thumb: mediaUrl(variants[0]?.storageKey ?? key),
    width: row.width,
    height: row.height,
    mimeType: row.mimeType,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    fileName: row.fileName,
    variants: variants.map((variant) => ({ width: variant.width, src: mediaUrl(variant.storageKey) })),
  };
}
