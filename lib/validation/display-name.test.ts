import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commentInputSchema } from "@/lib/comments/schemas";
import { displayName, HIDDEN_CHARACTERS_IN_NAME, isVisibleName } from "./display-name";

const HIDDEN = [
  ["left-to-right embedding", "\u202A"],
  ["right-to-left embedding", "\u202B"],
  ["pop directional formatting", "\u202C"],
  ["left-to-right override", "\u202D"],
  ["right-to-left override", "\u202E"],
  ["left-to-right isolate", "\u2066"],
  ["right-to-left isolate", "\u2067"],
  ["first strong isolate", "\u2068"],
  ["pop directional isolate", "\u2069"],
  ["left-to-right mark", "\u200E"],
  ["right-to-left mark", "\u200F"],
  ["Arabic letter mark", "\u061C"],
  ["zero-width space", "\u200B"],
  ["zero-width non-joiner", "\u200C"],
  ["zero-width joiner", "\u200D"],
  ["word joiner", "\u2060"],
  ["invisible separator", "\u2063"],
  ["byte order mark", "\uFEFF"],
  ["soft hyphen", "\u00AD"],
  ["Mongolian vowel separator", "\u180E"],
  ["combining grapheme joiner", "\u034F"],
  ["Hangul filler", "\u3164"],
  ["Braille blank", "\u2800"],
  ["a tag character", "\u{E0041}"],
  ["a line break", "\n"],
  ["a tab", "\t"],
] as const;

describe("names as readers see them", () => {
  it.each(HIDDEN)("refuses a %s", (_label, character) => {
    expect(isVisibleName(`Kim${character}Lee`)).toBe(false);
    expect(isVisibleName(`${character}Kim`)).toBe(false);
  });

  it.each([["Zoë Ñúñez"], ["李小龍"], ["محمد علي"], ["Ана Петрова"], ["Ana 🌻"], ["Ana ❤️"], ["O'Brien-Smith"]])("accepts %s", (name) => {
    expect(isVisibleName(name)).toBe(true);
  });

  it.each([
    ["a Persian name with a non-joiner", "می\u200Cخواهم"],
    ["a Devanagari name with a joiner", "क\u094D\u200Dष"],
    ["an emoji sequence", "Ana 👩\u200D💻"],
  ])("accepts %s, whose joiner the writing needs", (_label, name) => {
    expect(isVisibleName(name)).toBe(true);
  });

  it.each([
    ["between Latin letters", "Ki\u200Cm"],
    ["at the end of Persian", "می\u200C"],
    ["between Latin and Persian", "Kim\u200Dمی"],
    ["between an emoji and a letter", "👩\u200DKim"],
  ])("refuses a joiner %s", (_label, name) => {
    expect(isVisibleName(name)).toBe(false);
  });

  it("refuses a hidden character wherever it is put into any name", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...HIDDEN.map(([, character]) => character)), fc.nat(), (name, hidden, at) => {
        const cut = at % (name.length + 1);
        expect(isVisibleName(`${name.slice(0, cut)}${hidden}${name.slice(cut)}`)).toBe(false);
      }),
    );
  });

  it("is a text field, trimmed before it is checked: the usual checks chain on, and the message is the name's own", () => {
    expect(displayName().min(1).parse("  Kim  ")).toBe("Kim");
    expect(displayName().parse("Kim\n")).toBe("Kim");
    expect(displayName().safeParse("Kim\u202E").error?.issues[0]?.message).toBe(HIDDEN_CHARACTERS_IN_NAME);
    expect(displayName().safeParse("Kim\u0000").success).toBe(false);
  });

  it("refuses such a name next to the comment form's name field", () => {
    const result = commentInputSchema.safeParse({ name: "\u202Enimda", body: "Hello" });
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["name", HIDDEN_CHARACTERS_IN_NAME]]);
  });
});
