import { describe, expect, it } from "vitest";
import { isStorableText, text, UNSTORABLE_TEXT } from "./text";

describe("free text", () => {
  it.each([
    ["plain", "Council votes on the budget", true],
    ["accents and emoji", "Zoë’s café 😀", true],
    ["line breaks and tabs", "one\n\ttwo\r\n", true],
    ["NUL", "name\u0000", false],
    ["NUL alone", "\u0000", false],
    ["a lone high surrogate", "a\uD83D", false],
    ["a lone low surrogate", "\uDE00b", false],
    ["surrogates in the wrong order", "\uDE00\uD83D", false],
  ])("%s: storable is %s", (_name, value, storable) => {
    expect(isStorableText(value)).toBe(storable);
  });

  it("refuses unstorable text with the one message, after the usual checks chain on", () => {
    const schema = text().trim().min(1).max(10);
    expect(schema.parse("  hi  ")).toBe("hi");
    const result = schema.safeParse("hi\u0000");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(UNSTORABLE_TEXT);
  });
});
