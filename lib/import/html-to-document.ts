import { parseFragment, type DefaultTreeAdapterTypes as T } from "parse5";
import type { InlineNode, StoryBlock } from "@/lib/stories/document";
import {
  asParagraphs,
  DocumentWriter,
  headingBlocks,
  listBlocks,
  paragraphBlocks,
  plainLine,
  quoteBlocks,
  textNode,
  type ConvertOptions,
  type Mark,
} from "./document-writer";
import type { ConvertResult, ImageRef } from "./types";
import { expandShortcodes } from "./wordpress-shortcodes";

// An imported story's HTML body (WordPress's post_content, Ghost's html) as the structured story
// document: parsed by parse5 as a browser would (unclosed and misnested tags included), then walked.
// Paragraphs, headings, lists, quotes, links, bold and italic, images and figures, galleries and
// embeds map to their nodes; tables and code become plain paragraphs; scripts, frames, styles,
// objects and forms are dropped with a warning — the document never carries HTML.

export type { ConvertOptions } from "./document-writer";

/** Elements whose content never reaches a reader, dropped with a warning saying what kind they are. */
const DROPPED_KINDS: Record<string, string> = {
  script: "scripts", noscript: "scripts", template: "scripts", style: "styles",
  iframe: "frames", frame: "frames", frameset: "frames", object: "embedded objects", embed: "embedded objects", applet: "embedded objects",
  form: "forms", input: "forms", button: "forms", select: "forms", textarea: "forms", dialog: "forms",
  video: "video or audio players", audio: "video or audio players", canvas: "drawings", svg: "drawings", math: "drawings",
};
/** Inert elements with nothing to show, dropped without a word. */
const INERT = new Set(["link", "meta", "base", "source", "track", "map", "area", "wbr", "col", "colgroup", "param"]);
const DROPPED = new Set([...Object.keys(DROPPED_KINDS), ...INERT]);
/** Elements that end the paragraph before them and start a new one after. */
const BLOCKS = new Set(["div", "section", "article", "header", "footer", "aside", "main", "nav", "address", "details", "summary", "dl", "dt", "dd", "center", "fieldset", "legend", "hgroup", "figcaption", "body", "html", "caption", "picture"]);
const HEADINGS: Record<string, number> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };
/** WordPress blocks the walker understands through their HTML (or that carry nothing to show). */
const WORDPRESS_BLOCKS = new Set([
  "paragraph", "heading", "list", "list-item", "quote", "pullquote", "image", "gallery", "embed", "separator",
  "spacer", "more", "nextpage", "html", "freeform", "preformatted", "code", "verse", "table", "columns", "column",
  "group", "shortcode", "block", "missing", "video", "audio", "file", "media-text", "cover", "buttons", "button",
]);

type Element = T.Element;
type Node = T.ChildNode;

const isElement = (node: Node): node is Element => "tagName" in node;
const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;
const hasClass = (element: Element, name: string) => (attribute(element, "class") ?? "").split(/\s+/).includes(name);

/** The text under `root`, in order (without recursion: a body may nest thousands of elements deep). */
function textContent(root: Node): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === "#text") parts.push((node as T.TextNode).value);
    else if (isElement(node) && !DROPPED.has(node.tagName)) {
      if (node.tagName === "br") parts.push("\n");
      for (let at = node.childNodes.length - 1; at >= 0; at--) stack.push(node.childNodes[at]!);
    }
  }
  return parts.join("");
}

/** The `tag` elements under `element`, in order, not looking inside a match or a dropped element. */
function descendants(element: Element, tag: string): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [...element.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node) || DROPPED.has(node.tagName)) continue;
    if (node.tagName === tag) found.push(node);
    else for (let at = node.childNodes.length - 1; at >= 0; at--) stack.push(node.childNodes[at]!);
  }
  return found;
}

/** Collects inline content into paragraphs and blocks in order. */
class Flow {
  readonly blocks: StoryBlock[] = [];
  private inline: InlineNode[] = [];

  add(node: InlineNode | null): void {
    if (node) this.inline.push(node);
  }

  /** Ends the paragraph being written (if it has any text). */
  flush(): void {
    this.blocks.push(...paragraphBlocks(this.inline));
    this.inline = [];
  }

  push(...blocks: StoryBlock[]): void {
    this.flush();
    this.blocks.push(...blocks);
  }

  done(): StoryBlock[] {
    this.flush();
    return this.blocks;
  }
}

/** How deep the walk follows nested elements; deeper markup is read as its text (no stack overflow). */
const MAX_DEPTH = 100;

class HtmlWalker {
  private depth = 0;

  constructor(private readonly writer: DocumentWriter) {}

  private get wordpress(): boolean {
    return this.writer.options.wordpress === true;
  }

  /** Blocks of a run of nodes (a fragment, a container, a list item, a quote). */
  async blocks(nodes: Node[]): Promise<StoryBlock[]> {
    const flow = new Flow();
    await this.walk(nodes, flow, []);
    return flow.done();
  }

  private async walk(nodes: Node[], flow: Flow, marks: Mark[], pre = false): Promise<void> {
    for (const node of nodes) await this.visit(node, flow, marks, pre);
  }

  private text(value: string, flow: Flow, marks: Mark[], pre: boolean): void {
    if (pre) {
      value.split("\n").forEach((line, index) => {
        if (index > 0) flow.add({ type: "hardBreak" });
        flow.add(textNode(line, marks));
      });
      return;
    }
    if (!this.wordpress) {
      flow.add(textNode(value.replace(/\s+/g, " "), marks));
      return;
    }
    // wpautop: a blank line ends a paragraph, a single line break is a line break.
    const whitespaceOnly = !/\S/.test(value);
    value.split(/\n[ \t\r\f]*\n\s*/).forEach((part, index) => {
      if (index > 0) flow.flush();
      if (whitespaceOnly) {
        flow.add(textNode(part.replace(/\s+/g, " "), marks));
        return;
      }
      part.split("\n").forEach((line, lineIndex) => {
        if (lineIndex > 0) flow.add({ type: "hardBreak" });
        flow.add(textNode(line.replace(/[ \t\r\f]+/g, " "), marks));
      });
    });
  }

  private comment(data: string): void {
    const name = /^\s*wp:([a-z0-9][a-z0-9/_-]*)/.exec(data)?.[1];
    if (!this.wordpress || !name) return;
    const known = WORDPRESS_BLOCKS.has(name.replace(/^core\//, "")) || name.startsWith("core-embed/");
    if (!known) this.writer.warnOnce(`The block "wp:${name}" is not known: its text is kept as plain paragraphs`);
  }

  private async visit(node: Node, flow: Flow, marks: Mark[], pre: boolean): Promise<void> {
    if (node.nodeName === "#text") return this.text((node as T.TextNode).value, flow, marks, pre);
    if (node.nodeName === "#comment") return this.comment((node as T.CommentNode).data);
    if (!isElement(node)) return;
    if (this.depth >= MAX_DEPTH) {
      this.writer.warnOnce(`Markup nested deeper than ${MAX_DEPTH} elements was kept as plain text`);
      return this.text(textContent(node), flow, marks, pre);
    }
    this.depth++;
    try {
      await this.element(node, flow, marks, pre);
    } finally {
      this.depth--;
    }
  }

  private async element(node: Element, flow: Flow, marks: Mark[], pre: boolean): Promise<void> {
    const tag = node.tagName;
    if (DROPPED.has(tag)) {
      const kind = DROPPED_KINDS[tag];
      if (kind) this.writer.warnOnce(`<${tag}> was dropped: a story body carries no ${kind}`);
      return;
    }
    const heading = HEADINGS[tag];
    if (heading) return flow.push(...(await this.heading(heading, node)));
    switch (tag) {
      case "br":
        return flow.add({ type: "hardBreak" });
      case "strong":
      case "b":
        return this.walk(node.childNodes, flow, [...marks, { type: "bold" }], pre);
      case "em":
      case "i":
        return this.walk(node.childNodes, flow, [...marks, { type: "italic" }], pre);
      case "a": {
        const href = this.writer.href(attribute(node, "href"));
        return this.walk(node.childNodes, flow, href ? [...marks, { type: "link", attrs: { href } }] : marks, pre);
      }
      case "img":
        return flow.push(...(await this.writer.image(this.imageRef(node))));
      case "figure":
        return flow.push(...(await this.figure(node)));
      case "p":
        flow.flush();
        await this.walk(node.childNodes, flow, marks, pre);
        return flow.flush();
      case "ul":
      case "ol":
        return flow.push(...(await this.list(node)));
      case "blockquote":
        return flow.push(...(await this.quote(node)));
      case "pre":
        flow.flush();
        await this.walk(node.childNodes, flow, marks, true);
        return flow.flush();
      case "table":
        this.writer.warnOnce("A table was kept as plain paragraphs, one per row");
        return flow.push(...this.table(node));
      case "hr":
        return flow.flush();
      case "li":
        flow.flush();
        await this.walk(node.childNodes, flow, marks, pre);
        return flow.flush();
    }
    if (BLOCKS.has(tag)) {
      flow.flush();
      await this.walk(node.childNodes, flow, marks, pre);
      return flow.flush();
    }
    // Any other element (span, u, sup, code, a custom element) is transparent: its text stays.
    return this.walk(node.childNodes, flow, marks, pre);
  }

  private async heading(level: number, element: Element): Promise<StoryBlock[]> {
    const inner = await this.blocks(element.childNodes);
    const { paragraphs, others } = asParagraphs(inner);
    return [...headingBlocks(level, paragraphs.flatMap((p, index) => [...(index > 0 ? [{ type: "hardBreak" as const }] : []), ...(p.content ?? [])])), ...others];
  }

  private async list(element: Element): Promise<StoryBlock[]> {
    const items: Extract<StoryBlock, { type: "paragraph" }>[][] = [];
    const after: StoryBlock[] = [];
    let nested = false;
    for (const child of element.childNodes) {
      // Text or inline elements straight inside <ul> (invalid, but seen) make an item of their own.
      const blocks = await this.blocks(isElement(child) && child.tagName === "li" ? child.childNodes : [child]);
      // The document's lists do not nest: a nested list's items follow their parent's.
      const own: StoryBlock[] = [];
      const following: Extract<StoryBlock, { type: "paragraph" }>[][] = [];
      for (const block of blocks) {
        if (block.type === "bulletList" || block.type === "orderedList") {
          nested = true;
          following.push(...block.content.map((item) => item.content));
        } else own.push(block);
      }
      const { paragraphs, others } = asParagraphs(own);
      items.push(paragraphs, ...following);
      after.push(...others);
    }
    if (nested) this.writer.warnOnce("A nested list was flattened: its items follow their parent item");
    return [...listBlocks(element.tagName === "ol", items), ...after];
  }

  private async quote(element: Element): Promise<StoryBlock[]> {
    const cites = descendants(element, "cite");
    const cite = plainLine(cites.map(textContent).join(" "), 200);
    const inner = await this.blocks(element.childNodes.filter((child) => !(isElement(child) && child.tagName === "cite" && cite)));
    const { paragraphs, others } = asParagraphs(inner);
    return [...quoteBlocks(paragraphs, cite), ...others];
  }

  private table(element: Element): StoryBlock[] {
    return descendants(element, "tr").flatMap((row) => {
      const cells = row.childNodes.filter((cell): cell is Element => isElement(cell) && (cell.tagName === "td" || cell.tagName === "th"));
      return paragraphBlocks([textNode(cells.map((cell) => textContent(cell).replace(/\s+/g, " ").trim()).join(" | "))].filter((n) => n !== null));
    });
  }

  private imageRef(img: Element, caption?: string): ImageRef {
    const src = attribute(img, "src") ?? attribute(img, "data-src") ?? "";
    const alt = attribute(img, "alt");
    return { src, ...(alt?.trim() ? { alt } : {}), ...(caption ? { caption } : {}) };
  }

  /** A figure: one image with its caption, a gallery (figures or images in a figure), or an embed. */
  private async figure(element: Element): Promise<StoryBlock[]> {
    const gallery = attribute(element, "data-wp-gallery");
    if (gallery !== undefined) return this.galleryOfIds(gallery);
    const embedded = attribute(element, "data-wp-embed") ?? (hasClass(element, "wp-block-embed") ? textContent(element).trim().split(/\s+/)[0] : undefined);
    if (embedded !== undefined) return this.embed(embedded, element);
    const captionElement = element.childNodes.find((child): child is Element => isElement(child) && child.tagName === "figcaption");
    const shortcodeCaption = attribute(element, "data-wp-caption");
    const caption = plainLine(
      captionElement ? textContent(captionElement) : shortcodeCaption || (shortcodeCaption === "" ? textContent(element) : undefined),
      500,
    );
    const inner = element.childNodes.filter((child) => child !== captionElement);
    const figures = inner.flatMap((child) => (isElement(child) ? (child.tagName === "figure" ? [child] : descendants(child, "figure")) : []));
    const images = inner.flatMap((child) => (isElement(child) ? (child.tagName === "img" ? [child] : descendants(child, "img")) : []));
    if (figures.length > 0) {
      // A gallery of figures, each with its own caption; the gallery's caption follows them.
      const blocks: StoryBlock[] = [];
      for (const figure of figures) {
        // Through visit, which bounds how deep figures within figures are followed.
        const inner = new Flow();
        await this.visit(figure, inner, [], false);
        blocks.push(...inner.done());
      }
      return [...blocks, ...(caption ? paragraphBlocks([textNode(caption)].filter((n) => n !== null)) : [])];
    }
    if (images.length === 0) return this.blocks(element.childNodes);
    const blocks: StoryBlock[] = [];
    for (const [index, img] of images.entries()) {
      blocks.push(...(await this.writer.image(this.imageRef(img, images.length === 1 || index === images.length - 1 ? caption : undefined))));
    }
    return blocks;
  }

  private async galleryOfIds(ids: string): Promise<StoryBlock[]> {
    const blocks: StoryBlock[] = [];
    for (const id of ids.split(",").map((part) => Number(part.trim()))) {
      const ref = Number.isSafeInteger(id) && id > 0 ? this.writer.options.attachment?.(id) : undefined;
      if (ref) blocks.push(...(await this.writer.image(ref)));
      else this.writer.warn(`A gallery image (attachment ${Number.isFinite(id) ? id : "?"}) was not found in the export: dropped`);
    }
    return blocks;
  }

  private async embed(url: string, element: Element): Promise<StoryBlock[]> {
    const href = this.writer.href(url, "embed");
    const caption = element.childNodes.find((child): child is Element => isElement(child) && child.tagName === "figcaption");
    const title = plainLine(caption ? textContent(caption) : undefined, 200);
    if (href?.startsWith("https://")) return [{ type: "embed", attrs: { url: href, title: title ?? `Media on ${new URL(href).hostname}` } }];
    if (!href) return [];
    this.writer.warn(`The embed ${href} is not https: kept as a link`);
    return paragraphBlocks([textNode(title ?? href, [{ type: "link", attrs: { href } }])].filter((n) => n !== null));
  }
}

/** Blocks of an HTML fragment, written through `writer` (shared with the Ghost converter's cards). */
export function htmlBlocks(html: string, writer: DocumentWriter): Promise<StoryBlock[]> {
  const source = writer.options.wordpress ? expandShortcodes(html, writer) : html;
  return new HtmlWalker(writer).blocks(parseFragment(source).childNodes);
}

/** Plain text of an HTML fragment (a Ghost caption is HTML). */
export function htmlText(html: string): string {
  return parseFragment(html).childNodes.map(textContent).join("");
}

export async function htmlToDocument(html: string, options: ConvertOptions): Promise<ConvertResult> {
  const writer = new DocumentWriter(options);
  return writer.finish(await htmlBlocks(html, writer));
}
