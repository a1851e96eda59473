import { mediaStore, readUpload } from "./storage";
import type { MediaStore } from "./store";
import { storageKeyOf, storageKeyPattern } from "./urls";

// Fixed-shape copies of an uploaded photo for machines: search engines want an article's image in
// 16:9, 4:3 and 1:1 (lib/seo/news-article.ts). Each crop is made from the original on its first
// request, keeping the most salient part (sharp's "attention" strategy), then stored beside the
// original under the same random name with a `-c<ratio>` suffix, so it is made once, ever — in the
// bucket too, where instances behind a load balancer share it instead of each making its own.

export const CROP_RATIOS = { "16x9": [16, 9], "4x3": [4, 3], "1x1": [1, 1] } as const;
export type CropRatio = keyof typeof CROP_RATIOS;

/** Wide enough for any share card or rich result; narrower originals are never enlarged. */
const MAX_CROP_WIDTH = 1200;

export function isCropRatio(value: string): value is CropRatio {
  return Object.hasOwn(CROP_RATIOS, value);
}

/** The size of the `ratio` crop of a `width`×`height` original: the largest such box, at most 1200 wide. */
export function cropSize(width: number, height: number, ratio: CropRatio): { width: number; height: number } {
  const [across, down] = CROP_RATIOS[ratio];
  const widest = Math.min(width, Math.floor((height * across) / down));
  const cropWidth = Math.max(1, Math.min(MAX_CROP_WIDTH, widest));
  return { width: cropWidth, height: Math.max(1, Math.round((cropWidth * down) / across)) };
}

/** An original's name has no suffix. */
const ORIGINAL = /\/[a-f0-9]{32}\.\w+$/;

const cropKey = (storageKey: string, ratio: CropRatio) => storageKey.replace(/\.\w+$/, `-c${ratio}.jpg`);

/** Every crop that may have been made of the original stored under `storageKey`. */
export function cropKeysOf(storageKey: string): string[] {
  return (Object.keys(CROP_RATIOS) as CropRatio[]).map((ratio) => cropKey(storageKey, ratio));
}

/** The public address of a crop of the original stored under `storageKey`. */
export function cropUrl(storageKey: string, ratio: CropRatio): string {
  return `/media/crop/${ratio}/${storageKey}`;
}

/** An original's crop as JPEG bytes: read when stored, else made from the original and stored. */
export async function readCrop(storageKey: string, ratio: CropRatio, store: MediaStore = mediaStore()): Promise<Buffer | null> {
  // Crops are made from originals only, never from a variant or another crop.
  if (!storageKeyPattern.test(storageKey) || !ORIGINAL.test(storageKey)) return null;
  const key = cropKey(storageKey, ratio);
  const stored = await store.read(key);
  if (stored) return stored;
  const original = await readUpload(storageKey, store);
  if (!original) return null;
  let data: Buffer;
  try {
    // Loaded on first use: every page imports this module for cropsOf, and sharp (libvips) costs
    // the server about 10 MB resident that a reader's page never needs (README, "Memory").
    const { default: sharp } = await import("sharp");
    const image = sharp(original.data);
    const { width = 0, height = 0 } = await image.metadata();
    data = await image
      .resize({ ...cropSize(width, height, ratio), fit: "cover", position: sharp.strategy.attention })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    // A stored file sharp cannot read has no crop (lib/media/repair.ts finds such files).
    return null;
  }
  await store.put(key, data);
  return data;
}

/** Crops of an image for structured data: absolute-ready paths with their sizes. */
export function cropsOf(image: { src: string; width: number; height: number }) {
  const key = storageKeyOf(image.src);
  if (!key) return [];
  return (Object.keys(CROP_RATIOS) as CropRatio[]).map((ratio) => ({ ratio, src: cropUrl(key, ratio), ...cropSize(image.width, image.height, ratio) }));
}
