import { z } from "zod";
import { text } from "@/lib/validation/text";
import { idSchema, idSchemaWith } from "@/lib/validation/ids";
import type { InlineNode, ParagraphNode, StoryDocument } from "@/db/story-document";

// The structured story body (DESIGN.md, "Data"): a JSON tree in the shape ProseMirror/TipTap
// produces, restricted to an allowlist of node and mark types. It is validated on every save and
// rendered to React on the server (components/site/story-body.tsx); no stored HTML ever reaches a page.
// The stored type is db/story-document.ts (the schema's column type); this schema must produce it.

export type { InlineNode, StoryBlock, StoryDocument } from "@/db/story-document";

const MAX_TEXT = 20_000;

/** Links may point to the web, to e-mail, or to a path on this site — never `javascript:` and the like. */
export const safeHref = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (href) => /^(https?:\/\/|mailto:)/i.test(href) ? URL.canParse(href) : /^\/(?!\/)[^\s]*$/.test(href),
    "Links must start with https://, http://, mailto: or / (a path on this site)",
  );

const boldMark = z.object({ type: z.literal("bold") }).strict();
const italicMark = z.object({ type: z.literal("italic") }).strict();
const linkMark = z
  .object({ type: z.literal("link"), attrs: z.object({ href: safeHref }).strip() })
  .strip();
const mark = z.discriminatedUnion("type", [boldMark, italicMark, linkMark]);

const textNode = z
  .object({
    type: z.literal("text"),
    text: text().min(1).max(MAX_TEXT),
    marks: z.array(mark).max(3).optional(),
  })
  .strict();
const hardBreak = z.object({ type: z.literal("hardBreak") }).strict();
const inline = z.discriminatedUnion("type", [textNode, hardBreak]);
const inlineContent = z.array(inline).max(500).optional();

export const paragraphNode = z
  .object({ type: z.literal("paragraph"), content: inlineContent })
  .strict();
const headingNode = z
  .object({
    type: z.literal("heading"),
    attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }).strict(),
    content: inlineContent,
  })
  .strict();
const listItemNode = z
  .object({ type: z.literal("listItem"), content: z.array(paragraphNode).min(1).max(20) })
  .strict();
const bulletListNode = z
  .object({ type: z.literal("bulletList"), content: z.array(listItemNode).min(1).max(200) })
  .strict();
const orderedListNode = z
  .object({ type: z.literal("orderedList"), content: z.array(listItemNode).min(1).max(200) })
  .strict();
const blockquoteNode = z
  .object({
    type: z.literal("blockquote"),
    attrs: z.object({ cite: text().trim().max(200).optional() }).strict().optional(),
    content: z.array(paragraphNode).min(1).max(20),
  })
  .strict();
const imageNode = z
  .object({
    type: z.literal("image"),
    attrs: z
      .object({
        mediaId: idSchemaWith("Choose an image from the library"),
        alt: text().trim().min(1, "Every image needs alt text").max(500),
        caption: text().trim().max(500).optional(),
        credit: text().trim().max(200).optional(),
      })
      .strict(),
  })
  .strict();
/** A related-story reference points at a story id, so it follows that story's slug changes. */
const relatedStoryNode = z
  .object({
    type: z.literal("relatedStory"),
    attrs: z.object({ storyId: idSchemaWith("Choose a story that exists") }).strict(),
  })
  .strict();
/** An external video, shown as a link card: no third-party script or frame runs on our pages. */
const embedNode = z
  .object({
    type: z.literal("embed"),
    attrs: z
      .object({ url: safeHref.refine((u) => u.startsWith("https://"), "Embeds must use https://"), title: text().trim().min(1).max(200) })
      .strict(),
  })
  .strict();

const block = z.discriminatedUnion("type", [
  paragraphNode,
  headingNode,
  bulletListNode,
  orderedListNode,
  blockquoteNode,
  imageNode,
  relatedStoryNode,
  embedNode,
]);

export const storyDocumentSchema = z
  .object({ type: z.literal("doc"), content: z.array(block).max(2000) })
  .strict() satisfies z.ZodType<StoryDocument>;

/**
 * Ids a stored body refers to, for looking them up. A body saved before ids were bounded may hold
 * one no row can have: it is left out, and its block renders as a missing story or image does.
 */
const lookupIds = (ids: unknown[]): number[] => ids.filter((id): id is number => idSchema.safeParse(id).success);

/** Story ids referenced by related-story blocks, in order of appearance. */
export function relatedStoryIds(doc: StoryDocument): number[] {
  return lookupIds(doc.content.flatMap((node) => (node.type === "relatedStory" ? [node.attrs.storyId] : [])));
}

/** Media ids of the images in the body. */
export function bodyMediaIds(doc: StoryDocument): number[] {
  return lookupIds(doc.content.flatMap((node) => (node.type === "image" ? [node.attrs.mediaId] : [])));
}

/** Plain text of the document, for descriptions, search and word counts. */
export function documentText(doc: StoryDocument): string {
  const parts: string[] = [];
  const visitInline = (nodes: InlineNode[] | undefined) =>
    nodes?.map((node) => (node.type === "text" ? node.text : "\n")).join("") ?? "";
  for (const node of doc.content) {
    switch (node.type) {
      case "paragraph":
      case "heading":
        parts.push(visitInline(node.content));
        break;
      case "bulletList":
      case "orderedList":
        for (const item of node.content) for (const p of item.content) parts.push(visitInline(p.content));
        break;
      case "blockquote":
        for (const p of node.content) parts.push(visitInline(p.content));
        break;
      default:
        break;
    }
  }
  return parts.filter(Boolean).join("\n\n");
}

/** Builds a paragraph node from plain text. */
export function paragraph(text: string): ParagraphNode {
  return text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" };
}
