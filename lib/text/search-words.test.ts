import { describe, expect, it } from "vitest";
import { containsPattern, searchWords } from "./search-words";

// A search box's words go into ILIKE patterns: a stray % or _ must match only itself, and text
// PostgreSQL cannot compare must never reach the query.

describe("searchWords", () => {
  it.each<[string, string | undefined, number | undefined, string[]]>([
    ["no query", undefined, undefined, []],
    ["blanks", "  \t ", undefined, []],
    ["words split on any space", " council\tbudget\nvote ", undefined, ["council", "budget", "vote"]],
    ["NUL and broken surrogates dropped", "bud\u0000get \uD800 vote", undefined, ["budget", "vote"]],
    ["only a NUL", "\u0000", undefined, []],
    ["at most six words by default", "a b c d e f g h", undefined, ["a", "b", "c", "d", "e", "f"]],
    ["a chosen limit", "a b c", 2, ["a", "b"]],
  ])("%s", (_name, q, limit, words) => {
    expect(searchWords(q, limit)).toEqual(words);
  });
});

describe("containsPattern", () => {
  it.each([
    ["budget", "%budget%"],
    ["50%", "%50\\%%"],
    ["snake_case", "%snake\\_case%"],
    ["back\\slash", "%back\\\\slash%"],
  ])("%s becomes %s", (word, pattern) => {
    expect(containsPattern(word)).toBe(pattern);
  });
});
