import { z } from "zod";

// An author's links elsewhere (their site, a profile): shown on the author page and given to
// search engines as `sameAs`. Only web addresses: a javascript: or data: URL in an href would run
// in a reader's browser, so anything else is refused on the way in and dropped on the way out.

const webUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "Use an http or https address.");

const authorLink = z.object({ label: z.string().trim().min(1).max(80), url: webUrl });

/** An author's links, as stored in `authors.links`. */
export const authorLinksSchema = z.array(authorLink).max(10, "Keep it to 10 links");

export type AuthorLink = z.output<typeof authorLink>;

/** The valid links of a stored value; a row written before validation cannot put a bad href on a page. */
export function readAuthorLinks(stored: unknown): AuthorLink[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = authorLink.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Links typed in the newsroom, one a line: a label, then the address ("Newsletter https://…").
 * A line with only an address is labelled with its host. What comes out is checked by
 * authorLinksSchema, which refuses anything but http and https.
 */
export function linksFromLines(lines: string): { label: string; url: string }[] {
  return lines
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const space = line.search(/\s\S+$/);
      const url = space === -1 ? line : line.slice(space + 1);
      const label = space === -1 ? hostOf(url) : line.slice(0, space).trim();
      return { label, url };
    });
}

/** The links as the newsroom's text field shows them: the inverse of linksFromLines. */
export const linksToLines = (links: AuthorLink[]): string => links.map((link) => `${link.label} ${link.url}`).join("\n");

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}
