import { describe, expect, it } from "vitest";
import { documentOf } from "@/lib/testing/fixtures";
import { storyInputSchema } from "./schemas";

// What a story's yes/no fields accept: booleans from JSON, and the strings a form or a script
// sends. Anything else is refused by the field, never read as "yes".

const story = { headline: "Council votes", sectionId: 1, authorIds: [1], body: documentOf("Text.") };

describe("commentsOpen", () => {
  it.each([
    [true, true],
    [false, false],
    ["true", true],
    ["false", false],
    ["TRUE", true],
    ["on", true],
    ["off", false],
    ["1", true],
    ["0", false],
    ["", false],
    [undefined, true],
  ])("%j is %s", (value, expected) => {
    expect(storyInputSchema.parse({ ...story, commentsOpen: value }).commentsOpen).toBe(expected);
  });

  it.each([["yes"], ["maybe"], [" true"], [2], [0], [null], [[]], [{}]])("refuses %j next to the field", (value) => {
    const result = storyInputSchema.safeParse({ ...story, commentsOpen: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["commentsOpen"], message: "Choose whether comments are open (true or false)" })]);
  });
});
