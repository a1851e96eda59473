// Where signing in (or out) may send someone afterwards: a page of the newsroom on this site,
// whatever was asked for. One rule for the sign-in page, its action and next-auth's redirects.
// It never throws: next-auth's own check answers 500 to a URL it cannot parse (http://%zz),
// so anything that does not parse, leaves the site or leaves /editor becomes /editor.

const NEWSROOM = "/editor";

/** The newsroom path (with query and fragment) `value` points at, or /editor. */
export function newsroomPath(value: unknown, siteUrl: string): string {
  if (typeof value !== "string" || value === "") return NEWSROOM;
  let url: URL;
  try {
    url = new URL(value, siteUrl);
    decodeURIComponent(url.pathname);
  } catch {
    return NEWSROOM;
  }
  const inNewsroom = url.pathname === NEWSROOM || url.pathname.startsWith(`${NEWSROOM}/`);
  return url.origin === new URL(siteUrl).origin && inNewsroom ? `${url.pathname}${url.search}${url.hash}` : NEWSROOM;
}

/** Whether `value` already is such a page, as a path or as an absolute URL of this site. */
export function isNewsroomUrl(value: string, siteUrl: string): boolean {
  const path = newsroomPath(value, siteUrl);
  return value === path || value === `${new URL(siteUrl).origin}${path}`;
}
