import { RESERVED_FIRST_SEGMENTS } from "./section-paths";

// The one spelling of an imported site's old address, shared by the importer that stores it
// (lib/import/old-urls.ts) and the server that looks it up (lib/routing/old-paths.ts): the
// decoded path without its trailing slash, or `/?p=123` for WordPress's query addresses
// (`?p=` a post, `?page_id=` a page, `?cat=` a category — no other parameter is ever read).

/** WordPress's query addresses, in the order they are read when several are present. */
const QUERY_KEYS = ["p", "page_id", "cat"] as const;
const MAX_KEY = 2000;
const SEGMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** First segments the site answers itself (routes, files): never an old address to look up. */
const OURS = new Set<string>([...RESERVED_FIRST_SEGMENTS, "page-not-found"]);

function decoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * The key of an old address given as a URL (`https://old.example.com/2019/04/29/slug/`) or a path
 * with its query (`/?p=123`); null when it cannot be one (the home page, an unreadable address).
 */
export function oldPathKey(address: string): string | null {
  if (!URL.canParse(address, "http://old.invalid")) return null;
  const url = new URL(address, "http://old.invalid");
  const path = decoded(url.pathname)?.replace(/\/+$/, "") ?? null;
  if (path === null) return null;
  const name = QUERY_KEYS.find((key) => /^\d{1,10}$/.test(url.searchParams.get(key) ?? ""));
  if (path === "" || path === "/index.php") return name ? `/?${name}=${Number(url.searchParams.get(name))}` : null;
  // `/blog/?p=123` (a site in a folder) is a query address this scheme does not keep: not its folder's page.
  if (name) return null;
  return path.length <= MAX_KEY ? path : null;
}

/**
 * A first look that needs neither the sections nor a URL parser, for every request: false for
 * the site's own addresses (home without a query address, reserved routes, files), which are
 * never looked up; true when oldPathLookupKey has to decide.
 */
export function mayBeOldAddress(pathname: string, search: string): boolean {
  if (pathname === "/" || pathname === "/index.php") return /[?&](p|page_id|cat)=\d/.test(search);
  const slash = pathname.indexOf("/", 1);
  const first = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
  return !(OURS.has(first) || first.startsWith("_") || (slash === -1 && first.includes(".")));
}

/**
 * The key to look up for a request no path rule answered, or null when the request may be a page
 * of ours — so the database is asked only about addresses that would otherwise be 404.
 * `isSection` says whether a path (without its slash) is a section's page.
 */
export function oldPathLookupKey(pathname: string, search: string, isSection: (path: string) => boolean): string | null {
  if (pathname === "/" || pathname === "/index.php") return search ? oldPathKey(`/${search}`) : null;
  const path = decoded(pathname);
  if (path === null) return null;
  const segments = path.replace(/\/+$/, "").slice(1).split("/");
  const [first = ""] = segments;
  if (OURS.has(first) || first.startsWith("_") || (segments.length === 1 && first.includes("."))) return null;
  // With a trailing slash no page of ours answers (Next would redirect it): an old address.
  if (!/\/$/.test(pathname) && mayBePage(segments, isSection)) return null;
  return oldPathKey(pathname);
}

/** A section, a section's feed or older page, or an article under a section. */
function mayBePage(segments: string[], isSection: (path: string) => boolean): boolean {
  const whole = segments.join("/");
  if (isSection(whole)) return true;
  const parent = segments.slice(0, -1).join("/");
  const last = segments.at(-1) ?? "";
  if (parent && isSection(parent) && (last === "feed.xml" || SEGMENT.test(last))) return true;
  return segments.length > 2 && segments.at(-2) === "_before" && isSection(segments.slice(0, -2).join("/"));
}
