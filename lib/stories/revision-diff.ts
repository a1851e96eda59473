import { diffArrays, diffWords } from "diff";
import type { InlineNode, StoryDocument } from "./document";

// What the revisions page shows (no database here: names are looked up by lib/stories/revisions.ts
// and passed in). A body is compared block by block — paragraphs, headings, list items, quotes,
// images, embeds and related-story blocks — with the `diff` package; a block that was edited
// rather than replaced is compared word by word inside, so one changed word is one <ins>/<del>.

export type BlockKind = "paragraph" | "heading" | "listItem" | "quote" | "image" | "embed" | "related";

export interface Block {
  kind: BlockKind;
  text: string;
}

export interface Segment {
  change: "same" | "added" | "removed";
  text: string;
}

export interface BodyLine {
  kind: BlockKind;
  change: "same" | "added" | "removed" | "changed";
  /** One segment for a whole block; word by word for a "changed" one. */
  segments: Segment[];
}

/** Headlines of the stories related-story blocks point at (a missing one reads "(deleted story #12)"). */
export type StoryNames = ReadonlyMap<number, string>;

export const deletedName = (what: string, id: number) => `(deleted ${what} #${id})`;

const inlineText = (nodes: InlineNode[] | undefined) =>
  nodes?.map((node) => (node.type === "text" ? node.text : " ")).join("").trim() ?? "";

/** The body as the blocks a reader sees, in order, each with its text. */
export function bodyBlocks(doc: StoryDocument | undefined, stories: StoryNames): Block[] {
  const blocks: Block[] = [];
  for (const node of doc?.content ?? []) {
    switch (node.type) {
      case "paragraph":
        blocks.push({ kind: "paragraph", text: inlineText(node.content) });
        break;
      case "heading":
        blocks.push({ kind: "heading", text: inlineText(node.content) });
        break;
      case "bulletList":
      case "orderedList":
        node.content.forEach((item, index) => {
          const marker = node.type === "bulletList" ? "•" : `${index + 1}.`;
          blocks.push({ kind: "listItem", text: `${marker} ${item.content.map((p) => inlineText(p.content)).join(" ")}` });
        });
        break;
      case "blockquote":
        for (const p of node.content) blocks.push({ kind: "quote", text: inlineText(p.content) });
        break;
      case "image":
        blocks.push({ kind: "image", text: `Image: ${node.attrs.alt}` });
        break;
      case "embed":
        blocks.push({ kind: "embed", text: `Video: ${node.attrs.title}` });
        break;
      case "relatedStory":
        blocks.push({ kind: "related", text: `Related: ${stories.get(node.attrs.storyId) ?? deletedName("story", node.attrs.storyId)}` });
        break;
    }
  }
  return blocks.filter((block) => block.text);
}

/** Word by word, the way the `diff` package splits words (punctuation apart, spaces kept). */
export function wordSegments(before: string, after: string): Segment[] {
  return diffWords(before, after).map((part) => ({
    change: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}

/**
 * An edit, not a replacement: the same kind of block, and at least a third of its text kept.
 * A rewritten paragraph reads better as the old one struck and the new one whole.
 */
function wordLevel(before: Block, after: Block): Segment[] | null {
  if (before.kind !== after.kind || before.kind === "related" || before.kind === "image" || before.kind === "embed") return null;
  const segments = wordSegments(before.text, after.text);
  const kept = segments.filter((s) => s.change === "same" && s.text.trim()).reduce((sum, s) => sum + s.text.length, 0);
  return kept * 3 >= Math.max(before.text.length, after.text.length) ? segments : null;
}

const whole = (block: Block, change: "same" | "added" | "removed"): BodyLine => ({ kind: block.kind, change, segments: [{ change, text: block.text }] });

/**
 * A run of removed blocks against the run of added blocks that took their place: the nth removed
 * and the nth added are one edited block when they read alike, else the old goes and the new comes.
 */
function replaceRun(removed: Block[], added: Block[]): BodyLine[] {
  const lines: BodyLine[] = [];
  let gone: BodyLine[] = [];
  let come: BodyLine[] = [];
  const flush = () => {
    lines.push(...gone, ...come);
    gone = [];
    come = [];
  };
  for (let index = 0; index < Math.max(removed.length, added.length); index++) {
    const old = removed[index];
    const now = added[index];
    const segments = old && now ? wordLevel(old, now) : null;
    if (segments) {
      flush();
      lines.push({ kind: old!.kind, change: "changed", segments });
    } else {
      if (old) gone.push(whole(old, "removed"));
      if (now) come.push(whole(now, "added"));
    }
  }
  flush();
  return lines;
}

/** The body's changes, in reading order: removed blocks before the ones that replaced them. */
export function diffBody(before: Block[], after: Block[]): BodyLine[] {
  const lines: BodyLine[] = [];
  let removed: Block[] = [];
  let added: Block[] = [];
  for (const part of diffArrays(before, after, { comparator: (a, b) => a.kind === b.kind && a.text === b.text })) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else {
      lines.push(...replaceRun(removed, added), ...part.value.map((block) => whole(block, "same")));
      removed = [];
      added = [];
    }
  }
  lines.push(...replaceRun(removed, added));
  return lines;
}
