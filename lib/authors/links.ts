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
export const authorLinksSchema = z.array(authorLink).max(10);

export type AuthorLink = z.output<typeof authorLink>;

/** The valid links of a stored value; a row written before validation cannot put a bad href on a page. */
export function readAuthorLinks(stored: unknown): AuthorLink[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = authorLink.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}
