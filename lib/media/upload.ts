import sharp from "sharp";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { getDb, type Db } from "@/db/client";
import { media } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import type { CurrentUser } from "@/lib/auth/users";
import { DomainError, fieldErrorsOf, ValidationError } from "@/lib/errors";
import { newStorageKey, writeUpload, type MediaExtension } from "./storage";
import { mediaUrl } from "./urls";

// Uploading an image: the type is read from the file's first bytes (never its name), the image
// is decoded and re-encoded by sharp (dropping metadata such as GPS positions), a pixel limit
// stops decompression bombs, and smaller WebP copies are made for the library. Files get names
// the server generates. SVG and everything else is refused.

export class UnsupportedMediaError extends DomainError {
  constructor() {
    super("Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded.", 415);
  }
}

/** Larger than this many pixels is refused before it is decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;
const MAX_STORED_WIDTH = 2400;
const VARIANT_WIDTHS = [480, 960, 1600];

type Kind = "jpeg" | "png" | "webp" | "avif" | "gif";

/** The image type from the file's signature, or null. */
export function sniffImageType(bytes: Uint8Array): Kind | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(4, 8) === "ftyp" && ["avif", "avis"].includes(ascii(8, 12))) return "avif";
  return null;
}

export const mediaDetailsSchema = z.object({
  alt: text().trim().min(1, "Describe the image for people who cannot see it").max(500),
  caption: text().trim().max(500).default(""),
  credit: text().trim().max(200).default(""),
});

async function encode(kind: Kind, bytes: Uint8Array) {
  const animated = kind === "gif" || kind === "webp";
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated, failOn: "error" });
  const metadata = await image.metadata();
  if (!metadata.width || !metadata.height) throw new ValidationError({ file: "This file is not a readable image" });
  const resized = image.rotate().resize({ width: MAX_STORED_WIDTH, withoutEnlargement: true });
  // Kept in its own family; AVIF is stored as WebP, which encodes in a fraction of the time.
  const output: Record<Kind, [MediaExtension, sharp.Sharp]> = {
    jpeg: ["jpg", resized.jpeg({ quality: 85, mozjpeg: true })],
    png: ["png", resized.png({ compressionLevel: 9 })],
    webp: ["webp", resized.webp({ quality: 85 })],
    avif: ["webp", resized.webp({ quality: 85 })],
    gif: ["gif", resized.gif()],
  };
  const [extension, pipeline] = output[kind];
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  const pageHeight = info.pageHeight ?? info.height;
  return { extension, data, width: info.width, height: pageHeight };
}

export async function uploadImage(
  actor: CurrentUser & { ip?: string },
  file: { bytes: Uint8Array; name?: string },
  details: unknown,
  db: Db = getDb(),
) {
  const parsed = mediaDetailsSchema.safeParse(details);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
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
  await writeUpload(key, encoded.data);
  const variants: { width: number; storageKey: string }[] = [];
  for (const width of VARIANT_WIDTHS.filter((w) => w < encoded.width)) {
    const variantKey = key.replace(/\.\w+$/, `-w${width}.webp`);
    const data = await sharp(encoded.data).resize({ width }).webp({ quality: 80 }).toBuffer();
    await writeUpload(variantKey, data);
    variants.push({ width, storageKey: variantKey });
  }

  const [row] = await db
    .insert(media)
    .values({
      storageKey: key,
      mimeType: `image/${encoded.extension === "jpg" ? "jpeg" : encoded.extension}`,
      width: encoded.width,
      height: encoded.height,
      bytes: encoded.data.length,
      ...parsed.data,
      variants,
      uploadedById: actor.id,
    })
    .returning();
  await recordAudit({ actorId: actor.id, action: "media.upload", targetType: "media", targetId: row!.id, details: { name: file.name ?? null, bytes: file.bytes.length }, ip: actor.ip }, db);
  return {
    id: row!.id,
    src: mediaUrl(key),
    thumb: mediaUrl(variants[0]?.storageKey ?? key),
    width: row!.width,
    height: row!.height,
    mimeType: row!.mimeType,
    alt: row!.alt,
    caption: row!.caption,
    credit: row!.credit,
    variants: variants.map((variant) => ({ width: variant.width, src: mediaUrl(variant.storageKey) })),
  };
}
