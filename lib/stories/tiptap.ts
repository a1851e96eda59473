import type { StoryDocument } from "./document";

// The rich-text editor (TipTap) adds attributes our document does not keep — list start numbers,
// link targets, the headline shown on a related-story block. This keeps exactly what
// lib/stories/document.ts allows; the server validates the result again.

type Json = { type?: string; attrs?: Record<string, unknown>; content?: Json[]; marks?: Json[]; text?: string };

function normalizeMarks(marks: Json[] | undefined) {
  const kept = (marks ?? []).flatMap((mark) => {
    if (mark.type === "bold" || mark.type === "italic") return [{ type: mark.type }];
    if (mark.type === "link" && typeof mark.attrs?.href === "string") return [{ type: "link", attrs: { href: mark.attrs.href } }];
    return [];
  });
  return kept.length ? kept : undefined;
}

function normalizeInline(nodes: Json[] | undefined) {
  const inline = (nodes ?? []).flatMap((node) => {
    if (node.type === "hardBreak") return [{ type: "hardBreak" }];
    if (node.type === "text" && node.text) {
      const marks = normalizeMarks(node.marks);
      return [marks ? { type: "text", text: node.text, marks } : { type: "text", text: node.text }];
    }
    return [];
  });
  return inline.length ? inline : undefined;
}

function paragraph(node: Json) {
  const content = normalizeInline(node.content);
  return content ? { type: "paragraph", content } : { type: "paragraph" };
}

function block(node: Json): unknown[] {
  switch (node.type) {
    case "paragraph":
      return [paragraph(node)];
    case "heading": {
      const level = Math.min(Math.max(Number(node.attrs?.level ?? 2), 2), 4);
      const content = normalizeInline(node.content);
      return [content ? { type: "heading", attrs: { level }, content } : { type: "heading", attrs: { level } }];
    }
    case "bulletList":
    case "orderedList":
      return [
        {
          type: node.type,
          content: (node.content ?? []).map((item) => ({
            type: "listItem",
            content: (item.content ?? []).filter((child) => child.type === "paragraph").map(paragraph),
          })).filter((item) => item.content.length > 0),
        },
      ].filter((list) => list.content.length > 0);
    case "blockquote": {
      const content = (node.content ?? []).filter((child) => child.type === "paragraph").map(paragraph);
      return content.length ? [{ type: "blockquote", content }] : [];
    }
    case "image":
      return [
        {
          type: "image",
          attrs: {
            mediaId: Number(node.attrs?.mediaId),
            alt: String(node.attrs?.alt ?? ""),
            ...(node.attrs?.caption ? { caption: String(node.attrs.caption) } : {}),
            ...(node.attrs?.credit ? { credit: String(node.attrs.credit) } : {}),
          },
        },
      ];
    case "relatedStory":
      return [{ type: "relatedStory", attrs: { storyId: Number(node.attrs?.storyId) } }];
    default:
      return [];
  }
}

/** TipTap's JSON → the story document (not yet validated). */
export function toStoryDocument(json: unknown): StoryDocument {
  const doc = json as Json;
  return { type: "doc", content: (doc.content ?? []).flatMap(block) } as StoryDocument;
}

/** The story document → what the editor opens: each related-story block shows its story's headline. */
export function toEditorDocument(doc: StoryDocument, headlines: Map<number, string>) {
  return {
    ...doc,
    content: doc.content.map((node) =>
      node.type === "relatedStory" ? { ...node, attrs: { ...node.attrs, headline: headlines.get(node.attrs.storyId) ?? "" } } : node,
    ),
  };
}
