import sharp from "sharp";
import type { MediaExtension } from "./store";

// What an image file really is (its first bytes, never its name) and how each stored format is
// encoded. Uploads and the repair of wrongly stored files share it, so a name always gets the
// bytes it promises. A sharp pipeline has exactly one output format — setting a second replaces
// the first — so each encoding builds only its own.

export type ImageKind = "jpeg" | "png" | "webp" | "avif" | "gif";

/** The image type from the file's signature, or null. */
export function sniffImageType(bytes: Uint8Array): ImageKind | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(4, 8) === "ftyp" && ["avif", "avis"].includes(ascii(8, 12))) return "avif";
  return null;
}

/** Each kind is kept in its own family; AVIF is stored as WebP, which encodes in a fraction of the time. */
export const storedExtension: Record<ImageKind, MediaExtension> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  avif: "webp",
  gif: "gif",
};

/** The kind of bytes a stored file's extension promises. */
export const kindOfExtension: Record<MediaExtension, ImageKind> = {
  jpg: "jpeg",
  png: "png",
  webp: "webp",
  avif: "avif",
  gif: "gif",
};

/** Formats that hold every frame of an animation; the others keep the first. */
export function keepsFrames(extension: MediaExtension): boolean {
  return extension === "gif" || extension === "webp";
}

/** Sets the pipeline's one output to the format its stored extension promises. */
export function encodeAs(image: sharp.Sharp, extension: MediaExtension): sharp.Sharp {
  switch (extension) {
    case "jpg":
      return image.jpeg({ quality: 85, mozjpeg: true });
    case "png":
      return image.png({ compressionLevel: 9 });
    case "webp":
      return image.webp({ quality: 85 });
    case "avif":
      return image.avif({ quality: 60 });
    case "gif":
      return image.gif();
  }
}

/** A smaller WebP copy of a stored image (its first frame), for the library and posters. */
export function encodeVariant(stored: Buffer, width: number): Promise<Buffer> {
  return sharp(stored).resize({ width }).webp({ quality: 80 }).toBuffer();
}
