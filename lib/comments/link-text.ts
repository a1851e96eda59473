// What a web address in a comment becomes: a link to the address in its ASCII form, showing the
// address as the reader typed it — unless the host typed is not the host the link goes to. A
// look-alike name (Cyrillic "а" in "аpple.com"), full-width letters or percent escapes are then
// shown as the browser will resolve them: "https://xn--pple-43d.com", never passing for another.
// A user part ("https://apple.com@evil.example") has no use in a comment but to pass one host off
// as another: it is dropped from the link and its text.

export interface CommentLink {
  href: string;
  text: string;
}

/** The link for `typed` (an http(s) address found in a comment), or null when it is no address. */
export function commentLink(typed: string): CommentLink | null {
  if (!URL.canParse(typed)) return null;
  const url = new URL(typed);
  const authorityStart = typed.indexOf("//") + 2;
  const afterScheme = typed.slice(authorityStart);
  const authorityEnd = afterScheme.search(/[/?#\\]/);
  const authority = authorityEnd === -1 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const userPart = authority.slice(0, authority.lastIndexOf("@") + 1);
  const typedHost = authority.slice(userPart.length).replace(/:\d*$/, "");
  url.username = "";
  url.password = "";
  if (!userPart && typedHost.toLowerCase() === url.hostname) return { href: url.href, text: typed };
  const port = url.port ? `:${url.port}` : "";
  return { href: url.href, text: `${typed.slice(0, authorityStart)}${url.hostname}${port}${afterScheme.slice(authority.length)}` };
}
