import sax from "sax";
import type { StoryBlock } from "@/lib/stories/document";
import type { OldPathTarget } from "./old-urls";
import type { Converters } from "./run-state";
import type { ImportWarning, ResolveImage } from "./types";

// A stand-in for the body converters and old-URL helpers of lib/import/html-to-document.ts,
// ghost-document.ts and old-urls.ts, for the importer's own tests: block text becomes paragraphs
// and <img> an image through resolveImage; scripts, styles and iframes are dropped with a
// warning; old paths are kept in memory. The converters' own tests check real conversion.

const BLOCKS = new Set(["p", "h2", "h3", "li", "blockquote", "figcaption", "div", "cite"]);
const DROPPED = new Set(["script", "style", "iframe", "object", "embed"]);

async function htmlBlocks(html: string, item: string, resolveImage?: ResolveImage) {
  const parser = sax.parser(false, { lowercase: true });
  const pending: ({ text: string } | { src: string; alt: string })[] = [];
  const warnings: ImportWarning[] = [];
  let text = "";
  let dropping = 0;
  const flush = () => {
    if (text.trim()) pending.push({ text: text.replace(/\s+/g, " ").trim() });
    text = "";
  };
  parser.onopentag = (tag) => {
    if (DROPPED.has(tag.name)) {
      dropping++;
      warnings.push({ item, message: `<${tag.name}> dropped` });
    } else if (tag.name === "img") {
      flush();
      pending.push({ src: String(tag.attributes.src ?? ""), alt: String(tag.attributes.alt ?? "") });
    } else if (BLOCKS.has(tag.name)) flush();
  };
  parser.onclosetag = (name) => {
    if (DROPPED.has(name)) dropping = Math.max(0, dropping - 1);
    else if (BLOCKS.has(name)) flush();
  };
  parser.ontext = (value) => {
    if (dropping) return;
    // wpautop: a blank line is a paragraph break.
    const parts = value.split(/\n\s*\n/);
    parts.forEach((part, index) => {
      if (index > 0) flush();
      text += part;
    });
  };
  parser.onerror = () => parser.resume();
  parser.write(`<div>${html}</div>`).close();
  flush();
  const content: StoryBlock[] = [];
  const images = [];
  for (const block of pending) {
    if ("text" in block) content.push({ type: "paragraph", content: [{ type: "text", text: block.text }] });
    else {
      images.push(block);
      const mediaId = resolveImage ? await resolveImage(block) : null;
      if (mediaId) content.push({ type: "image", attrs: { mediaId, alt: block.alt || "Image" } });
    }
  }
  return { document: { type: "doc" as const, content }, warnings, images };
}

/** Lexical and mobiledoc bodies read as the text of their nodes, enough for the importer's tests. */
function ghostHtml(body: { mobiledoc?: string | null; lexical?: string | null; html?: string | null }): string {
  if (body.html) return body.html;
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (typeof record.text === "string") texts.push(`<p>${record.text}</p>`);
      if (record.type === "image" && typeof record.src === "string") texts.push(`<img src="${record.src}" alt="${String(record.alt ?? "")}">`);
      Object.values(record).forEach(walk);
    } else if (typeof node === "string" && !/^[a-z]+$/.test(node) && node.length > 3) texts.push(`<p>${node}</p>`);
  };
  walk(JSON.parse(body.lexical ?? body.mobiledoc ?? "{}"));
  return texts.join("");
}

export function testConverters() {
  const recorded: { target: OldPathTarget; paths: string[] }[] = [];
  const converters: Converters = {
    body: (body, options) => htmlBlocks(body.kind === "html" ? body.html : ghostHtml(body), options.item, options.resolveImage),
    storyOldPaths: (story) => [String(story.old.link ?? `/${story.slug}/`).replace(/^https?:\/\/[^/]+/, ""), `/?p=${story.old.id}`],
    archiveOldPaths: (kind, slugs) => ({ page: [`/${kind}/${slugs.join("/")}/`], feed: [`/${kind}/${slugs.join("/")}/feed/`] }),
    siteFeedOldPaths: () => ["/feed/"],
    recordOldPaths: async (_tx, target, paths) => {
      recorded.push({ target, paths });
      return [];
    },
  };
  return { converters, recorded };
}
