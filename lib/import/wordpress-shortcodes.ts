import type { DocumentWriter } from "./document-writer";

// WordPress shortcodes are not HTML: `[caption …]<img …> A caption[/caption]` and `[gallery ids="…"]`
// sit in the body's text, so they are turned into marked-up elements before the body is parsed
// (the HTML walker in html-to-document.ts then treats them as figures). The scanner is WordPress's
// own grammar: `[name attrs]`, `[name attrs /]`, `[name attrs]content[/name]`, `[[escaped]]`.

/** Shortcodes WordPress itself registers and what becomes of them. */
const KNOWN = new Set(["caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"]);
const SHORTCODE = /\[(\[?)([a-z][a-z0-9_-]*)((?:\s[^\][]*?)?)(\/?)\](?:([\s\S]*?)\[\/\2\])?(\]?)/gi;
const ATTRIBUTE = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|"([^"]*)"|(\S+)/g;

export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let position = 0;
  for (const match of text.matchAll(ATTRIBUTE)) {
    if (match[1]) attributes[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
    else attributes[String(position++)] = match[5] ?? match[6] ?? "";
  }
  return attributes;
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The body with WordPress's shortcodes replaced by elements the HTML walker understands. */
export function expandShortcodes(html: string, writer: DocumentWriter): string {
  return html.replace(SHORTCODE, (whole, open: string, rawName: string, rawAttributes: string, _slash: string, content: string | undefined, close: string) => {
    if (open === "[" && close === "]") return whole.slice(1, -1);
    const name = rawName.toLowerCase();
    const attributes = shortcodeAttributes(rawAttributes);
    const known = KNOWN.has(name);
    // "[sic]", "[1]" and "[Editor's note]" are text, not shortcodes: an unknown name counts only
    // with attributes or a closing tag, as a plugin's shortcode would have.
    if (!known && content === undefined && !rawAttributes.includes("=")) return whole;
    const replaced = expandOne(name, attributes, content ?? "", writer);
    return open + replaced + close;
  });
}

function expandOne(name: string, attributes: Record<string, string>, content: string, writer: DocumentWriter): string {
  switch (name) {
    case "caption":
    case "wp_caption": {
      const caption = attributes.caption ? ` data-wp-caption="${escapeAttribute(attributes.caption)}"` : " data-wp-caption";
      return `<figure${caption}>${content}</figure>`;
    }
    case "gallery": {
      const ids = attributes.ids ?? attributes.include;
      if (!ids) {
        writer.warnOnce("A [gallery] without ids shows the post's attached images: not converted");
        return "";
      }
      return `<figure data-wp-gallery="${escapeAttribute(ids)}"></figure>`;
    }
    case "embed":
      return `<figure data-wp-embed="${escapeAttribute(content.trim() || (attributes.src ?? ""))}"></figure>`;
    default: {
      const src = attributes.src ?? attributes.mp4 ?? attributes.mp3 ?? attributes.url;
      if (KNOWN.has(name)) {
        writer.warnOnce(`A [${name}] shortcode cannot be shown: ${src ? "kept as a link" : "dropped"}`);
        return src ? `<p><a href="${escapeAttribute(src)}">${escapeAttribute(src)}</a></p>` : "";
      }
      writer.warnOnce(`The shortcode [${name}] is not known: its text is kept as plain paragraphs`);
      return content ? `<p>${content}</p>` : "";
    }
  }
}
