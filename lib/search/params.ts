import { listPageHref } from "@/lib/http/search-params";
import { SEARCH_PATH } from "@/lib/routing/public-urls";
import { cleanSearchText } from "@/lib/stories/search-vector";
import { isIdText } from "@/lib/validation/ids";

// The public search's address, read once: `/search?q=&section=&author=&from=&to=&after=`. Pure (no
// database), so the page and the HTTP server agree: the page prints the problems, the server
// (scripts/serve.ts, lib/http/search-status.ts) answers such a request with a 400. A section or
// an author that is well formed but unknown is the page's to say (it needs the database): that
// is a search with nothing to find, not a malformed request.

/** The search's parameters. Every one but `q` narrows the results. */
export interface SearchRequest {
  /** What was typed, as searched (`cleanSearchText`: at most MAX_SEARCH_LENGTH characters); "" for none. */
  q: string;
  /** A section's path ("news/us"): that section and the sections under it. */
  section?: string;
  /** An author's slug. */
  author?: string;
  /** Published on or after this day (YYYY-MM-DD, the site's time zone). */
  from?: string;
  /** Published on or before this day. */
  to?: string;
  /** The last story of the previous page (the cursor). */
  after?: number;
}

type Params = Record<string, string | string[] | undefined>;

type ReadSearch = { ok: true; request: SearchRequest } | { ok: false; problems: string[]; request: SearchRequest };

const PATH = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*){0,2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longer filter values are not slugs, paths or days: refused before they are looked at. */
const MAX_VALUE = 200;

/** A real calendar day in the years 1–9999. */
function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The query parameters of a search address, read and checked. */
export function readSearchParams(params: Params | URLSearchParams): ReadSearch {
  const problems: string[] = [];
  const one = (name: string): string | undefined => {
    const value = params instanceof URLSearchParams ? params.getAll(name) : params[name];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (values.length > 1) problems.push(`Give “${name}” once.`);
    const text = values[0]?.trim();
    if (text !== undefined && text.length > MAX_VALUE && name !== "q") {
      problems.push(`The “${name}” value is too long.`);
      return undefined;
    }
    return text || undefined;
  };
  const request: SearchRequest = { q: cleanSearchText(one("q") ?? "") };
  const section = one("section");
  if (section !== undefined) {
    if (PATH.test(section)) request.section = section;
    else problems.push("That is not a section of this site.");
  }
  const author = one("author");
  if (author !== undefined) {
    if (SLUG.test(author)) request.author = author;
    else problems.push("That is not an author of this site.");
  }
  for (const name of ["from", "to"] as const) {
    const day = one(name);
    if (day === undefined) continue;
    if (isDay(day)) request[name] = day;
    else problems.push(`The ${name === "from" ? "start" : "end"} date must be a day written YYYY-MM-DD, such as 2026-03-01.`);
  }
  if (request.from && request.to && request.from > request.to) problems.push("The start date comes after the end date.");
  const after = one("after");
  if (after !== undefined) {
    if (isIdText(after)) request.after = Number(after);
    else problems.push("This link to a further page of results is broken: start the search again.");
  }
  return problems.length ? { ok: false, problems, request } : { ok: true, request };
}

/** The address of a search: `request`'s parameters, the empty ones left out. */
export function searchHref(request: SearchRequest): string {
  const { q, section, author, from, to, after } = request;
  return listPageHref(SEARCH_PATH, { q, section, author, from, to, after });
}
