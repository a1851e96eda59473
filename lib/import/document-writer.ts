import { storyDocumentSchema, type InlineNode, type StoryBlock, type StoryDocument } from "@/lib/stories/document";
import type { ConvertResult, ImageRef, ImportWarning, ResolveImage } from "./types";

// What every body converter (HTML, Ghost's lexical and mobiledoc) shares: text made storable,
// links allowed or dropped, images handed to the importer's resolver, the document's limits kept
// (long paragraphs, lists and quotes split; never an invalid document), and the warnings. The
// converters walk their input; this decides what the story document may hold.

export interface ConvertOptions {
  /** Named in every warning, e.g. "post 123". */
  item: string;
  resolveImage?: ResolveImage;
  /** WordPress bodies: blank-line paragraphs (wpautop), [caption] and [gallery] shortcodes, block comments. */
  wordpress?: boolean;
  /** The old site's address: relative links and images are resolved against it (else only "/paths" are kept). */
  baseUrl?: string;
  /** A WordPress attachment by its post id ([gallery ids="…"] names images by id only). */
  attachment?: (id: number) => ImageRef | null | undefined;
}

export type Mark = NonNullable<Extract<InlineNode, { type: "text" }>["marks"]>[number];

const MAX_TEXT = 20_000;
const MAX_INLINE = 500;
const MAX_BLOCKS = 2000;
const MAX_ITEMS = 200;
const MAX_PARAGRAPHS = 20;
const MAX_ALT = 500;
const MAX_CAPTION = 500;
const MAX_CREDIT = 200;
const MAX_CITE = 200;
const MAX_HREF = 2048;

/** What PostgreSQL cannot store (NUL, a lone surrogate) and other control characters, replaced. */
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\p{Cs}]/gu;

export function storable(value: string): string {
  return value.replace(UNSTORABLE, "");
}

/** Plain text of a caption, credit or alt: one line, trimmed, at most `max` characters. */
export function plainLine(value: string | null | undefined, max: number): string | undefined {
  const line = storable(value ?? "").replace(/\s+/g, " ").trim();
  return line ? line.slice(0, max).trim() : undefined;
}

const sameMarks = (a: Mark[] | undefined, b: Mark[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** A text node with its marks: at most one of each kind, link last (the schema allows three). */
export function textNode(text: string, marks: Mark[] = []): InlineNode | null {
  const clean = storable(text);
  if (!clean) return null;
  const kinds = new Map<string, Mark>();
  for (const mark of marks) kinds.set(mark.type, mark);
  const ordered = (["bold", "italic", "link"] as const).flatMap((kind) => (kinds.has(kind) ? [kinds.get(kind)!] : []));
  return ordered.length ? { type: "text", text: clean, marks: ordered } : { type: "text", text: clean };
}

/** Trims a paragraph's edges, joins neighbours with the same marks, and splits what is too long. */
export function paragraphsOf(inline: InlineNode[]): InlineNode[][] {
  const joined: InlineNode[] = [];
  for (const node of inline) {
    const last = joined.at(-1);
    if (node.type === "text" && last?.type === "text" && sameMarks(last.marks, node.marks)) {
      joined[joined.length - 1] = { ...last, text: last.text + node.text };
    } else joined.push(node);
  }
  while (joined[0]?.type === "hardBreak") joined.shift();
  while (joined.at(-1)?.type === "hardBreak") joined.pop();
  const first = joined[0];
  if (first?.type === "text") joined[0] = { ...first, text: first.text.replace(/^\s+/, "") };
  const lastIndex = joined.length - 1;
  const last = joined[lastIndex];
  if (last?.type === "text") joined[lastIndex] = { ...last, text: last.text.replace(/\s+$/, "") };
  const pieces = joined.flatMap((node): InlineNode[] => {
    if (node.type !== "text") return [node];
    if (!node.text) return [];
    const parts: InlineNode[] = [];
    for (let at = 0; at < node.text.length; at += MAX_TEXT) parts.push({ ...node, text: node.text.slice(at, at + MAX_TEXT) });
    return parts;
  });
  if (!pieces.some((node) => node.type === "text" && node.text.trim())) return [];
  const paragraphs: InlineNode[][] = [];
  for (let at = 0; at < pieces.length; at += MAX_INLINE) paragraphs.push(pieces.slice(at, at + MAX_INLINE));
  return paragraphs;
}

export function paragraphBlocks(inline: InlineNode[]): StoryBlock[] {
  return paragraphsOf(inline).map((content) => ({ type: "paragraph", content }));
}

export function headingBlocks(level: number, inline: InlineNode[]): StoryBlock[] {
  const attrs = { level: level <= 2 ? 2 : level === 3 ? 3 : 4 } as const;
  return paragraphsOf(inline).map((content) => ({ type: "heading", attrs, content }));
}

type Paragraph = Extract<StoryBlock, { type: "paragraph" }>;

/** A list from its items' paragraphs: long items and long lists split, empty items left out. */
export function listBlocks(ordered: boolean, items: Paragraph[][]): StoryBlock[] {
  const listItems = items
    .filter((item) => item.length > 0)
    .flatMap((item) => {
      const chunks = [];
      for (let at = 0; at < item.length; at += MAX_PARAGRAPHS) chunks.push({ type: "listItem" as const, content: item.slice(at, at + MAX_PARAGRAPHS) });
      return chunks;
    });
  const blocks: StoryBlock[] = [];
  for (let at = 0; at < listItems.length; at += MAX_ITEMS) {
    blocks.push({ type: ordered ? "orderedList" : "bulletList", content: listItems.slice(at, at + MAX_ITEMS) });
  }
  return blocks;
}

export function quoteBlocks(paragraphs: Paragraph[], cite?: string): StoryBlock[] {
  const line = plainLine(cite, MAX_CITE);
  const blocks: StoryBlock[] = [];
  for (let at = 0; at < paragraphs.length; at += MAX_PARAGRAPHS) {
    const content = paragraphs.slice(at, at + MAX_PARAGRAPHS);
    blocks.push(line ? { type: "blockquote", attrs: { cite: line }, content } : { type: "blockquote", content });
  }
  return blocks;
}

/** The paragraphs a quote or list item can hold, from any blocks: headings flattened, lists as lines. */
export function asParagraphs(blocks: StoryBlock[]): { paragraphs: Paragraph[]; others: StoryBlock[] } {
  const paragraphs: Paragraph[] = [];
  const others: StoryBlock[] = [];
  for (const block of blocks) {
    if (block.type === "paragraph") paragraphs.push(block);
    else if (block.type === "heading") paragraphs.push({ type: "paragraph", content: block.content });
    else if (block.type === "blockquote") paragraphs.push(...block.content);
    else if (block.type === "bulletList" || block.type === "orderedList") for (const item of block.content) paragraphs.push(...item.content);
    else others.push(block);
  }
  return { paragraphs, others };
}

const isId = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647;

export class DocumentWriter {
  readonly warnings: ImportWarning[] = [];
  readonly images: ImageRef[] = [];
  private readonly said = new Set<string>();

  constructor(readonly options: ConvertOptions) {}

  warn(message: string): void {
    this.warnings.push({ item: this.options.item, message });
  }

  /** A warning given once per body (the same unknown block a hundred times is one problem). */
  warnOnce(message: string): void {
    if (this.said.has(message)) return;
    this.said.add(message);
    this.warn(message);
  }

  /** An address the document may link to, or null (with a warning) when it may not. */
  href(raw: string | null | undefined, what = "link"): string | null {
    const href = this.address(raw);
    const value = storable(raw ?? "").trim();
    if (href || !value || value.startsWith("#")) return href;
    this.warnOnce(`A ${what} to "${value.slice(0, 100)}" was dropped (only http(s), mailto and site paths are kept)`);
    return null;
  }

  /** `raw` as an address the document accepts (resolved against the old site when given), or null. */
  private address(raw: string | null | undefined): string | null {
    const value = storable(raw ?? "").trim();
    if (!value || value.startsWith("#")) return null;
    let href: string | null = null;
    if (/^(https?:|mailto:)/i.test(value)) href = URL.canParse(value) && !/\s/.test(value) ? value : null;
    else if (value.startsWith("//")) href = URL.canParse(`https:${value}`) ? `https:${value}` : null;
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      if (this.options.baseUrl && URL.canParse(value, this.options.baseUrl)) {
        const url = new URL(value, this.options.baseUrl);
        href = /^https?:$/.test(url.protocol) ? url.href : null;
      } else if (/^\/(?!\/)\S*$/.test(value)) href = value;
    }
    return href && href.length <= MAX_HREF ? href : null;
  }

  /**
   * An image found in the body: an image block when the importer's resolver knows it, else a
   * paragraph linking to it (an address on the web), else nothing — each with a warning.
   */
  async image(ref: ImageRef): Promise<StoryBlock[]> {
    const src = this.address(ref.src);
    const caption = plainLine(ref.caption, MAX_CAPTION);
    const credit = plainLine(ref.credit, MAX_CREDIT);
    const alt = plainLine(ref.alt, MAX_ALT);
    const found: ImageRef = { src: src ?? ref.src, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
    if (!src) return this.droppedImage(ref.src);
    this.images.push(found);
    let mediaId: number | null = null;
    try {
      mediaId = (await this.options.resolveImage?.(found)) ?? null;
    } catch (error) {
      this.warn(`The image ${src} could not be stored (${(error as Error).message})`);
    }
    if (isId(mediaId)) {
      if (!alt) this.warn(`The image ${src} has no alt text: ${caption ? "its caption" : '"Image"'} stands in; describe it in the editor`);
      const attrs = { mediaId, alt: alt ?? caption ?? "Image", ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
      return [{ type: "image", attrs }];
    }
    if (!/^https?:/i.test(src)) return this.droppedImage(src);
    this.warn(`The image ${src} is not in the media library: kept as a link`);
    const label = textNode(caption ?? alt ?? src, [{ type: "link", attrs: { href: src } }]);
    return label ? paragraphBlocks([label]) : [];
  }

  private droppedImage(src: string): StoryBlock[] {
    this.warn(`The image "${storable(src).slice(0, 100)}" has no usable address and was dropped`);
    return [];
  }

  /**
   * The converted document, checked against the story document's schema. Nothing here should fail
   * it; if anything ever does, the body's text is kept as plain paragraphs rather than lost.
   */
  finish(blocks: StoryBlock[]): ConvertResult {
    let content = blocks;
    if (content.length > MAX_BLOCKS) {
      this.warn(`The body has ${content.length} blocks; the story document holds ${MAX_BLOCKS}: the rest was cut`);
      content = content.slice(0, MAX_BLOCKS);
    }
    const parsed = storyDocumentSchema.safeParse({ type: "doc", content });
    if (parsed.success) return this.result({ type: "doc", content });
    this.warn(`The body did not convert cleanly (${parsed.error.issues[0]?.message ?? "invalid"}): kept as plain text`);
    return this.result(plainTextDocument(content));
  }

  private result(document: StoryDocument): ConvertResult {
    return { document, warnings: this.warnings, images: this.images };
  }
}

function plainTextDocument(blocks: StoryBlock[]): StoryDocument {
  const lines = asParagraphs(blocks).paragraphs.flatMap((p) =>
    (p.content ?? []).map((node) => (node.type === "text" ? node.text : "\n")).join("").split("\n"),
  );
  const content = lines.flatMap((line) => paragraphBlocks([{ type: "text", text: storable(line) || " " }]));
  const document: StoryDocument = { type: "doc", content: content.slice(0, MAX_BLOCKS) };
  return storyDocumentSchema.safeParse(document).success ? document : { type: "doc", content: [] };
}
