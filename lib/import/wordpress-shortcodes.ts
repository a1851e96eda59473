import type { DocumentWriter } from "./document-writer";

// WordPress shortcodes are not HTML: `[caption …]<img …> A caption[/caption]` and `[gallery ids="…"]`
// sit in the body's text, so they are turned into marked-up elements before the body is parsed
// (the HTML walker in html-to-document.ts then treats them as figures). The scanner is WordPress's
// own grammar: `[name attrs]`, `[name attrs /]`, `[name attrs]content[/name]`, `[[escaped]]`.

/** Shortcodes WordPress itself registers and what becomes of them. */
const KNOWN = new Set(["caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"]);
/** An opening tag: `[name attrs]`, `[name attrs /]`, or escaped `[[name attrs]]`. */
const OPENING_SOURCE = /\[(\[?)([a-z][a-z0-9_-]*)((?:\s[^\][]*)?)\](\]?)/gi;
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

/** Where each `[/name]` closing tag is, by name, in order: found with one pass, not a scan per tag. */
function closingTags(html: string): Map<string, number[]> {
  const closings = new Map<string, number[]>();
  for (const match of html.matchAll(/\[\/([a-z][a-z0-9_-]*)\]/gi)) {
    const name = match[1]!.toLowerCase();
    const positions = closings.get(name);
    if (positions) positions.push(match.index);
    else closings.set(name, [match.index]);
  }
  return closings;
}

/** The first of `positions` at or after `from` (they are in order). */
function firstFrom(positions: number[] | undefined, from: number): number | undefined {
  if (!positions) return undefined;
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return positions[low];
}

/**
 * The body with WordPress's shortcodes replaced by elements the HTML walker understands. One pass
 * in linear time (with a lookup per tag), however many brackets the body has.
 */
export function expandShortcodes(html: string, writer: DocumentWriter): string {
  const closings = closingTags(html);
  const OPENING = new RegExp(OPENING_SOURCE);
  const out: string[] = [];
  let cursor = 0;
  for (let match = OPENING.exec(html); match; match = OPENING.exec(html)) {
    const [whole, open, rawName, rawAttributes = "", close] = match;
    const name = rawName!.toLowerCase();
    const end = match.index + whole.length;
    if (open === "[" && close === "]") {
      out.push(html.slice(cursor, match.index), whole.slice(1, -1));
      cursor = end;
      continue;
    }
    const selfClosing = rawAttributes.trimEnd().endsWith("/");
    const closing = selfClosing ? undefined : firstFrom(closings.get(name), end);
    const known = KNOWN.has(name);
    // "[sic]", "[Editor's note]" are text, not shortcodes: an unknown name counts only with
    // attributes or a closing tag, as a plugin's shortcode would have.
    if (!known && closing === undefined && !selfClosing && !rawAttributes.includes("=")) {
      // Only the first bracket is passed: an opening inside these brackets is still read.
      OPENING.lastIndex = match.index + 1;
      continue;
    }
    const attributes = shortcodeAttributes(rawAttributes.replace(/\/\s*$/, ""));
    const content = closing === undefined ? "" : html.slice(end, closing);
    out.push(html.slice(cursor, match.index), open ?? "", expandOne(name, attributes, content, writer), close ?? "");
    cursor = closing === undefined ? end : closing + `[/${name}]`.length;
    OPENING.lastIndex = cursor;
  }
  out.push(html.slice(cursor));
  return out.join("");
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
