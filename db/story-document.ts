// The stored shape of a story body (DESIGN.md, "Data"): the type of the `stories.body` and
// revision JSON columns. It lives here because the schema needs it and db/ imports nothing from
// lib/; lib/stories/document.ts validates bodies against this shape and fails to compile if its
// schema and this type part ways.

type Mark = { type: "bold" } | { type: "italic" } | { type: "link"; attrs: { href: string } };

interface TextNode {
  type: "text";
  text: string;
  marks?: Mark[];
}

export type InlineNode = TextNode | { type: "hardBreak" };

export interface ParagraphNode {
  type: "paragraph";
  content?: InlineNode[];
}

interface ListItemNode {
  type: "listItem";
  content: ParagraphNode[];
}

export type StoryBlock =
  | ParagraphNode
  | { type: "heading"; attrs: { level: 2 | 3 | 4 }; content?: InlineNode[] }
  | { type: "bulletList"; content: ListItemNode[] }
  | { type: "orderedList"; content: ListItemNode[] }
  | { type: "blockquote"; attrs?: { cite?: string }; content: ParagraphNode[] }
  | { type: "image"; attrs: { mediaId: number; alt: string; caption?: string; credit?: string } }
  | { type: "relatedStory"; attrs: { storyId: number } }
  | { type: "embed"; attrs: { url: string; title: string } };

export interface StoryDocument {
  type: "doc";
  content: StoryBlock[];
}
