// lib/import/types.ts
import type { StoryDocument } from "@/lib/stories/document"; // check the real exported type name
export interface ImportWarning { item: string; message: string }           // item: e.g. "post 123"
export interface ImageRef { src: string; alt?: string; caption?: string; credit?: string }
/** Maps an image URL found in a body to a media id in our library, or null to keep it as a link / drop it. */
export type ResolveImage = (ref: ImageRef) => Promise<number | null> | number | null;
export interface ConvertResult { document: StoryDocument; warnings: ImportWarning[]; images: ImageRef[] }
