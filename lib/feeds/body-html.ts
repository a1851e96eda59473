import { safeHref, type InlineNode, type StoryBlock, type StoryDocument } from "@/lib/stories/document";

// The story body as simple HTML for feed readers (content:encoded, Atom content, JSON Feed
// content_html). It is built from the structured document only (no stored HTML exists) and every
// piece of text and every attribute is escaped, so a hostile headline or link text stays text in
// any reader. Site paths become absolute URLs: a reader has no base address to resolve them against.

export interface BodyHtmlContext {
  siteUrl: string;
  /** Published stories a related-story block points at, by id; others are left out. */
  related: Record<number, { headline: string; path: string }>;
  /** Image files of the body, by media id; an image whose file is gone is left out. */
  media: Record<number, { src: string; width: number; height: number }>;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or an attribute value, safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const absolute = (href: string, siteUrl: string) => (href.startsWith("/") ? `${siteUrl}${href}` : href);

function inlineHtml(nodes: InlineNode[] | undefined, siteUrl: string): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "<br>";
      let html = escapeHtml(node.text);
      let href: string | undefined;
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") html = `<strong>${html}</strong>`;
        else if (mark.type === "italic") html = `<em>${html}</em>`;
        else href = mark.attrs.href;
      }
      // A link saved before today's rules may not pass them: its text stays, the link goes.
      return href && safeHref.safeParse(href).success ? `<a href="${escapeHtml(absolute(href, siteUrl))}">${html}</a>` : html;
    })
    .join("");
}

function blockHtml(node: StoryBlock, context: BodyHtmlContext): string {
  const inline = (nodes: InlineNode[] | undefined) => inlineHtml(nodes, context.siteUrl);
  switch (node.type) {
    case "paragraph":
      return node.content?.length ? `<p>${inline(node.content)}</p>` : "";
    case "heading":
      return `<h${node.attrs.level}>${inline(node.content)}</h${node.attrs.level}>`;
    case "bulletList":
    case "orderedList": {
      const tag = node.type === "bulletList" ? "ul" : "ol";
      const items = node.content.map((item) => `<li>${item.content.map((p) => inline(p.content)).join("<br>")}</li>`);
      return `<${tag}>${items.join("")}</${tag}>`;
    }
    case "blockquote": {
      const quote = `<blockquote>${node.content.map((p) => `<p>${inline(p.content)}</p>`).join("")}</blockquote>`;
      return node.attrs?.cite ? `<figure>${quote}<figcaption>${escapeHtml(node.attrs.cite)}</figcaption></figure>` : quote;
    }
    case "image": {
      const file = context.media[node.attrs.mediaId];
      if (!file) return "";
      const img = `<img src="${escapeHtml(absolute(file.src, context.siteUrl))}" width="${file.width}" height="${file.height}" alt="${escapeHtml(node.attrs.alt)}">`;
      const caption = [node.attrs.caption, node.attrs.credit].filter(Boolean).map((part) => escapeHtml(part!)).join(" ");
      return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
    }
    case "relatedStory": {
      const story = context.related[node.attrs.storyId];
      if (!story) return "";
      return `<p>Related: <a href="${escapeHtml(absolute(story.path, context.siteUrl))}">${escapeHtml(story.headline)}</a></p>`;
    }
    case "embed":
      return `<p><a href="${escapeHtml(node.attrs.url)}">${escapeHtml(node.attrs.title)}</a></p>`;
  }
}

/** The whole body as HTML; unknown or unreadable references are left out, as on the page. */
export function renderBodyHtml(doc: StoryDocument, context: BodyHtmlContext): string {
  return doc.content.map((node) => blockHtml(node, context)).join("\n");
}
