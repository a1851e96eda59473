import { find } from "linkifyjs";

// Which words of a comment are web addresses, and what each becomes. One detector (linkifyjs)
// serves both the hold rule (more than two links and a comment waits for a moderator) and the
// renderer, so a link a reader sees is always a link the rule counted. An address counts when it
// starts with http:// or https://, or with www. (a link to https://www.…); a bare name such as
// "example.com" or "README.md" stays text, as do e-mail addresses and other schemes.
//
// A link goes to the address in its ASCII form and shows the address as the reader typed it —
// unless the host typed is not the host the link goes to. A look-alike name (Cyrillic "а" in
// "аpple.com"), full-width letters or percent escapes are then shown as the browser will resolve
// them: "https://xn--pple-43d.com", never passing for another. A user part
// ("https://apple.com@evil.example") has no use in a comment but to pass one host off as another:
// it is dropped from the link and its text.

export interface CommentLink {
  href: string;
  text: string;
}

/** A link found in a comment: where it was typed (start inclusive, end exclusive) and what it becomes. */
interface FoundCommentLink extends CommentLink {
  start: number;
  end: number;
}

const SCHEME = /^https?:\/\//i;
const WWW = /^www\./i;

/** The link for `typed` (an http(s) or www. address found in a comment), or null when it is no address. */
export function commentLink(typed: string): CommentLink | null {
  const scheme = SCHEME.exec(typed)?.[0] ?? "";
  if (!scheme && !WWW.test(typed)) return null;
  const address = scheme ? typed : `https://${typed}`;
  if (!URL.canParse(address)) return null;
  const url = new URL(address);
  const afterScheme = typed.slice(scheme.length);
  const authorityEnd = afterScheme.search(/[/?#\\]/);
  const authority = authorityEnd === -1 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const userPart = authority.slice(0, authority.lastIndexOf("@") + 1);
  const typedHost = authority.slice(userPart.length).replace(/:\d*$/, "");
  url.username = "";
  url.password = "";
  if (!userPart && typedHost.toLowerCase() === url.hostname) return { href: url.href, text: typed };
  const port = url.port ? `:${url.port}` : "";
  return { href: url.href, text: `${scheme}${url.hostname}${port}${afterScheme.slice(authority.length)}` };
}

/** Every link in `text`, in order. */
export function findCommentLinks(text: string): FoundCommentLink[] {
  const links: FoundCommentLink[] = [];
  for (const match of find(text, "url")) {
    const link = commentLink(match.value);
    if (link) links.push({ ...link, start: match.start, end: match.end });
  }
  return links;
}

/** How many links `text` holds, as the hold-for-moderation rule counts them. */
export function countCommentLinks(text: string): number {
  return findCommentLinks(text).length;
}
