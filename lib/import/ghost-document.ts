import type { InlineNode, StoryBlock } from "@/lib/stories/document";
import { DocumentWriter, headingBlocks, listBlocks, paragraphBlocks, plainLine, quoteBlocks, textNode, type ConvertOptions, type Mark } from "./document-writer";
import { htmlBlocks, htmlText } from "./html-to-document";
import type { ConvertResult } from "./types";

// A Ghost post's body as the structured story document. Ghost keeps it as lexical (Ghost 5: a
// JSON tree of nodes) or mobiledoc (Ghost 1–4: sections of markers, with cards for images,
// galleries, embeds, HTML and Markdown), and exports the rendered html beside it. The first one
// present is read, in that order; cards map to the node that fits, or to a warning.

type Json = Record<string, unknown>;
type Paragraph = Extract<StoryBlock, { type: "paragraph" }>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const HEADING_LEVEL: Record<string, number> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };

/** Ghost's cards, shared by lexical nodes and mobiledoc cards (their payloads have the same fields). */
class GhostCards {
  constructor(private readonly writer: DocumentWriter) {}

  async card(name: string, payload: Json): Promise<StoryBlock[]> {
    const caption = str(payload.caption) ? plainLine(htmlText(str(payload.caption)!), 500) : undefined;
    switch (name) {
      case "image":
        return this.writer.image({ src: str(payload.src) ?? "", alt: str(payload.alt) ?? str(payload.altText), caption });
      case "gallery": {
        const blocks: StoryBlock[] = [];
        for (const image of list(payload.images).filter(isObject)) {
          const own = str(image.caption) ? plainLine(htmlText(str(image.caption)!), 500) : undefined;
          blocks.push(...(await this.writer.image({ src: str(image.src) ?? "", alt: str(image.alt), caption: own })));
        }
        return [...blocks, ...this.plain(caption)];
      }
      case "html":
        return htmlBlocks(str(payload.html) ?? "", this.writer);
      case "markdown":
        this.writer.warnOnce("A Markdown card was kept as plain text (its formatting is lost)");
        return (str(payload.markdown) ?? "").split(/\n\s*\n/).flatMap((part) => this.plain(part));
      case "embed": {
        const url = this.writer.href(str(payload.url), "embed");
        const title = plainLine(str((payload.metadata as Json | undefined)?.title) ?? caption, 200);
        if (url?.startsWith("https://")) return [{ type: "embed", attrs: { url, title: title ?? `Media on ${new URL(url).hostname}` } }];
        return url ? this.link(title ?? url, url) : [];
      }
      case "bookmark": {
        const url = this.writer.href(str(payload.url));
        const metadata = isObject(payload.metadata) ? payload.metadata : {};
        return url ? this.link(plainLine(str(metadata.title), 500) ?? url, url) : [];
      }
      case "button": {
        const url = this.writer.href(str(payload.buttonUrl));
        return url ? this.link(plainLine(str(payload.buttonText), 500) ?? url, url) : [];
      }
      case "callout":
        return htmlBlocks(str(payload.calloutText) ?? "", this.writer);
      case "toggle":
        return [...this.plain(htmlText(str(payload.heading) ?? ""), true), ...(await htmlBlocks(str(payload.content) ?? "", this.writer))];
      case "code":
      case "codeblock":
        return paragraphBlocks((str(payload.code) ?? "").split("\n").flatMap((line, index) => [...(index > 0 ? [{ type: "hardBreak" as const }] : []), ...[textNode(line)].filter((n) => n !== null)]));
      case "hr":
      case "horizontalrule":
      case "paywall":
        return [];
      case "header":
        return [...this.plain(htmlText(str(payload.header) ?? str(payload.heading) ?? ""), true), ...this.plain(htmlText(str(payload.subheader) ?? str(payload.subheading) ?? ""))];
      default: {
        const src = this.writer.href(str(payload.src) ?? str(payload.url), name);
        this.writer.warnOnce(`A Ghost "${name}" card cannot be shown: ${src ? "kept as a link" : "dropped"}`);
        return src ? this.link(plainLine(str(payload.title) ?? str(payload.fileName), 500) ?? src, src) : [];
      }
    }
  }

  plain(text: string | undefined, heading = false): StoryBlock[] {
    const node = textNode((text ?? "").replace(/\s+/g, " "));
    if (!node) return [];
    return heading ? headingBlocks(3, [node]) : paragraphBlocks([node]);
  }

  private link(text: string, href: string): StoryBlock[] {
    return paragraphBlocks([textNode(text, [{ type: "link", attrs: { href } }])].filter((n) => n !== null));
  }
}

/** How deep the readers follow nested nodes; deeper ones are read as their text (no stack overflow). */
const MAX_DEPTH = 100;

/** The text of a lexical node and everything under it, without recursion. */
function lexicalText(root: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    if (typeof node.text === "string") parts.push(node.text);
    if (node.type === "linebreak") parts.push("\n");
    const children = list(node.children);
    for (let at = children.length - 1; at >= 0; at--) stack.push(children[at]);
  }
  return parts.join("");
}

/** Lexical: a tree under root.children; text formats are bit flags (1 bold, 2 italic). */
class LexicalReader {
  constructor(
    private readonly writer: DocumentWriter,
    private readonly cards: GhostCards,
  ) {}

  async blocks(nodes: unknown[]): Promise<StoryBlock[]> {
    const blocks: StoryBlock[] = [];
    for (const node of nodes.filter(isObject)) blocks.push(...(await this.block(node)));
    return blocks;
  }

  private inline(nodes: unknown[], marks: Mark[] = [], depth = 0): InlineNode[] {
    if (depth >= MAX_DEPTH) {
      this.writer.warnOnce(`Nodes nested deeper than ${MAX_DEPTH} levels were kept as plain text`);
      return [textNode(nodes.map(lexicalText).join(""), marks)].filter((n) => n !== null);
    }
    return nodes.filter(isObject).flatMap((node): InlineNode[] => {
      const type = str(node.type);
      if (type === "text" || type === "extended-text") {
        const format = typeof node.format === "number" ? node.format : 0;
        const own: Mark[] = [...marks, ...(format & 1 ? [{ type: "bold" as const }] : []), ...(format & 2 ? [{ type: "italic" as const }] : [])];
        return [textNode(str(node.text) ?? "", own)].filter((n) => n !== null);
      }
      if (type === "linebreak") return [{ type: "hardBreak" }];
      if (type === "link" || type === "autolink") {
        const href = this.writer.href(str(node.url));
        return this.inline(list(node.children), href ? [...marks, { type: "link", attrs: { href } }] : marks, depth + 1);
      }
      return this.inline(list(node.children), marks, depth + 1);
    });
  }

  private async block(node: Json): Promise<StoryBlock[]> {
    const type = str(node.type) ?? "";
    const children = list(node.children);
    switch (type) {
      case "paragraph":
      case "extended-text":
        return paragraphBlocks(this.inline(children));
      case "heading":
      case "extended-heading":
        return headingBlocks(HEADING_LEVEL[str(node.tag) ?? "h2"] ?? 2, this.inline(children));
      case "quote":
      case "aside":
        return quoteBlocks(paragraphBlocks(this.inline(children)) as Paragraph[]);
      case "list":
        return this.list(node);
      default:
        if (children.length > 0 && !("src" in node)) {
          this.writer.warnOnce(`A lexical "${type}" node was kept as plain paragraphs`);
          return paragraphBlocks(this.inline(children));
        }
        return this.cards.card(type, node);
    }
  }

  private async list(node: Json): Promise<StoryBlock[]> {
    const items: Paragraph[][] = [];
    let nested = false;
    const collect = (listNode: Json, depth: number) => {
      for (const item of list(listNode.children).filter(isObject)) {
        const inner = list(item.children).filter(isObject);
        const sublists = depth < MAX_DEPTH ? inner.filter((child) => child.type === "list") : [];
        const inline = this.inline(inner.filter((child) => !sublists.includes(child)));
        if (inline.length) items.push(paragraphBlocks(inline) as Paragraph[]);
        for (const sublist of sublists) {
          nested = true;
          collect(sublist, depth + 1);
        }
      }
    };
    collect(node, 0);
    if (nested) this.writer.warnOnce("A nested list was flattened: its items follow their parent item");
    return listBlocks(node.listType === "number", items);
  }
}

/** Mobiledoc 0.3: markups, atoms and cards by index; sections of markers opening and closing markups. */
class MobiledocReader {
  constructor(
    private readonly writer: DocumentWriter,
    private readonly cards: GhostCards,
    private readonly doc: Json,
  ) {}

  private markers(markers: unknown[]): InlineNode[] {
    const markups = list(this.doc.markups);
    const atoms = list(this.doc.atoms);
    const open: (Mark | null)[] = [];
    const nodes: InlineNode[] = [];
    for (const marker of markers) {
      const [kind, opened, closed, value] = list(marker);
      for (const index of list(opened)) open.push(typeof index === "number" ? this.mark(list(markups[index])) : null);
      const marks = open.filter((mark): mark is Mark => mark !== null);
      const [name, atomText] = kind === 1 && typeof value === "number" ? list(atoms[value]) : [];
      if (name === "soft-return") nodes.push({ type: "hardBreak" });
      else {
        const node = textNode(str(kind === 1 ? atomText : value) ?? "", marks);
        if (node) nodes.push(node);
      }
      open.splice(Math.max(0, open.length - (typeof closed === "number" ? closed : 0)));
    }
    return nodes;
  }

  /** The document's mark for a markup; null for those it has no place for (code, s, u, sup, sub: their text stays). */
  private mark([tag, attributes]: unknown[]): Mark | null {
    const name = str(tag)?.toLowerCase();
    if (name === "b" || name === "strong") return { type: "bold" };
    if (name === "i" || name === "em") return { type: "italic" };
    if (name === "a") {
      const pairs = list(attributes);
      const at = pairs.findIndex((entry, index) => index % 2 === 0 && entry === "href");
      const href = at === -1 ? null : this.writer.href(str(pairs[at + 1]));
      if (href) return { type: "link", attrs: { href } };
    }
    return null;
  }

  async blocks(): Promise<StoryBlock[]> {
    const blocks: StoryBlock[] = [];
    for (const section of list(this.doc.sections)) {
      const [kind, a, b] = list(section);
      if (kind === 1) {
        const tag = str(a)?.toLowerCase() ?? "p";
        const inline = this.markers(list(b));
        const level = HEADING_LEVEL[tag];
        if (level) blocks.push(...headingBlocks(level, inline));
        else if (tag === "blockquote" || tag === "aside" || tag === "pull-quote") blocks.push(...quoteBlocks(paragraphBlocks(inline) as Paragraph[]));
        else blocks.push(...paragraphBlocks(inline));
      } else if (kind === 2) {
        blocks.push(...(await this.writer.image({ src: str(a) ?? "" })));
      } else if (kind === 3) {
        const items = list(b).map((markers) => paragraphBlocks(this.markers(list(markers))) as Paragraph[]);
        blocks.push(...listBlocks(str(a) === "ol", items));
      } else if (kind === 10) {
        const [name, payload] = typeof a === "number" ? list(list(this.doc.cards)[a]) : [];
        blocks.push(...(await this.cards.card(str(name) ?? "unknown", isObject(payload) ? payload : {})));
      }
    }
    return blocks;
  }
}

function parseJson(source: string | null | undefined, writer: DocumentWriter, what: string): Json | null {
  if (!source) return null;
  try {
    const value: unknown = JSON.parse(source);
    if (isObject(value)) return value;
  } catch {
    // Reported below.
  }
  writer.warn(`The post's ${what} is not valid JSON: the next format was read instead`);
  return null;
}

const hasMarkdownCard = (doc: Json) => list(doc.cards).some((card) => list(card)[0] === "markdown");

export async function ghostPostToDocument(
  post: { mobiledoc?: string | null; lexical?: string | null; html?: string | null },
  options: ConvertOptions,
): Promise<ConvertResult> {
  const writer = new DocumentWriter(options);
  const cards = new GhostCards(writer);
  const lexical = parseJson(post.lexical, writer, "lexical");
  if (lexical && isObject(lexical.root)) return writer.finish(await new LexicalReader(writer, cards).blocks(list(lexical.root.children)));
  const mobiledoc = parseJson(post.mobiledoc, writer, "mobiledoc");
  // Ghost's older posts are one Markdown card; its rendered html keeps the formatting that card had.
  if (mobiledoc && !(hasMarkdownCard(mobiledoc) && post.html)) return writer.finish(await new MobiledocReader(writer, cards, mobiledoc).blocks());
  return writer.finish(await htmlBlocks(post.html ?? "", writer));
}
