import { z } from "zod";

// Free text from outside — forms, JSON bodies, query strings — before it goes anywhere near the
// database. PostgreSQL cannot store a NUL character and a lone UTF-16 surrogate is not Unicode at
// all: passed on, either fails the query (a 500) or is silently mangled. Every free-text field is
// built from `text()`, so such input is refused with a message next to its field, once, here.

/** NUL, or a surrogate with no partner (with the u flag, a proper pair is one code point, not Cs). */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export const UNSTORABLE_TEXT = "Remove the control characters (such as NUL) or broken characters from this text";

/** Whether PostgreSQL can store `value` as it is: no NUL, no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** A free-text field. Chain the usual string checks after it: `text().trim().min(1).max(200)`. */
export const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT);
