import { text } from "./text";

// A name other people will read (a commenter's): it must show what it is. Text-direction controls
// can reorder what is printed around the name, and invisible characters make two names that look
// the same differ (and words slip past a blocked-words list). Such a name is refused next to its
// field; wherever names are shown they are isolated with <bdi> as well, for the ones stored before.

/**
 * Controls and line breaks (Cc, Zl, Zp); every format character (Cf: the bidi embeddings,
 * overrides, isolates and marks, zero-width space and joiners, word joiner, BOM, soft hyphen, tag
 * characters…); and the characters that draw nothing although they are letters or marks: the
 * combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
 * selectors, the Braille blank.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFFA0]/u;

export const HIDDEN_CHARACTERS_IN_NAME = "Remove the invisible or text-direction characters from your name";

/**
 * The joiners that some writing needs: a zero-width non-joiner or joiner between two letters of a
 * script that shapes its letters (Persian "می‌خواهم", Devanagari, Malayalam…), and a joiner inside
 * an emoji sequence (👩‍💻). Between Latin letters, or anywhere else, they only hide a difference.
 */
const NEEDED_JOINER =
  /(?<=(?![\p{Script=Latin}\p{Script=Common}])[\p{L}\p{M}])[\u200C\u200D](?=(?![\p{Script=Latin}\p{Script=Common}])[\p{L}\p{M}])|(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;

/** Whether every character of `name` shows itself, in its own place. */
export function isVisibleName(name: string): boolean {
  return !HIDDEN.test(name.replace(NEEDED_JOINER, ""));
}

/** A name field: `text()`, trimmed, then the rule above. Chain the usual checks after it: `displayName().min(1).max(80)`. */
export const displayName = () => text().trim().refine(isVisibleName, HIDDEN_CHARACTERS_IN_NAME);
