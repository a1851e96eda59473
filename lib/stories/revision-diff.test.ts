import { describe, expect, it } from "vitest";
import type { StoryDocument } from "./document";
import { bodyBlocks, diffBody, type Block } from "./revision-diff";
import { fieldChanges, type RevisionNames } from "./revision-fields";

const p = (text: string): Block => ({ kind: "paragraph", text });

const names: RevisionNames = {
  sections: new Map([
    [1, "U.S. (/news/us)"],
    [2, "Sport (/sport)"],
  ]),
  authors: new Map([
    [10, "Sam Writer"],
    [11, "Ann Other"],
  ]),
  stories: new Map([[20, "Council votes on the harbor"]]),
  media: new Map([[30, { alt: "The harbor at dawn", thumb: "/media/2026/01/abc-w320.webp" }]]),
};

describe("bodyBlocks", () => {
  it("reads headings, list items, quotes, images and related-story blocks as lines", () => {
    const doc: StoryDocument = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What happened" }] },
        { type: "paragraph", content: [{ type: "text", text: "One" }, { type: "hardBreak" }, { type: "text", text: "two." }] },
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "First" }] }] }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Point" }] }] }] },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Said so." }] }] },
        { type: "image", attrs: { mediaId: 30, alt: "A boat" } },
        { type: "relatedStory", attrs: { storyId: 20 } },
        { type: "relatedStory", attrs: { storyId: 99 } },
        { type: "paragraph" },
      ],
    };
    expect(bodyBlocks(doc, names.stories)).toEqual([
      { kind: "heading", text: "What happened" },
      { kind: "paragraph", text: "One two." },
      { kind: "listItem", text: "1. First" },
      { kind: "listItem", text: "• Point" },
      { kind: "quote", text: "Said so." },
      { kind: "image", text: "Image: A boat" },
      { kind: "related", text: "Related: Council votes on the harbor" },
      { kind: "related", text: "Related: (deleted story #99)" },
    ]);
  });
});

describe("diffBody", () => {
  it("keeps unchanged blocks and marks one changed word inside an edited paragraph", () => {
    const lines = diffBody([p("The library opens at nine."), p("Entry is free.")], [p("The library opens at ten."), p("Entry is free.")]);
    expect(lines).toEqual([
      {
        kind: "paragraph",
        change: "changed",
        segments: [
          { change: "same", text: "The library opens at " },
          { change: "removed", text: "nine" },
          { change: "added", text: "ten" },
          { change: "same", text: "." },
        ],
      },
      { kind: "paragraph", change: "same", segments: [{ change: "same", text: "Entry is free." }] },
    ]);
  });

  it("shows a rewritten paragraph as removed then added, not as a word soup", () => {
    const lines = diffBody([p("Rain fell all night over the valley.")], [p("Officials closed three schools on Monday.")]);
    expect(lines.map((line) => [line.change, line.segments.map((s) => s.text).join("")])).toEqual([
      ["removed", "Rain fell all night over the valley."],
      ["added", "Officials closed three schools on Monday."],
    ]);
  });

  it("adds and removes whole blocks in reading order, related-story blocks included", () => {
    const related: Block = { kind: "related", text: "Related: Council votes on the harbor" };
    const lines = diffBody([p("a"), p("b"), p("c")], [p("a"), related, p("c"), p("d")]);
    expect(lines.map((line) => [line.change, line.kind, line.segments[0]!.text])).toEqual([
      ["same", "paragraph", "a"],
      ["removed", "paragraph", "b"],
      ["added", "related", related.text],
      ["same", "paragraph", "c"],
      ["added", "paragraph", "d"],
    ]);
  });

  it("never merges blocks of different kinds word by word", () => {
    const lines = diffBody([p("Why it matters")], [{ kind: "heading", text: "Why it matters" }]);
    expect(lines.map((line) => [line.change, line.kind])).toEqual([
      ["removed", "paragraph"],
      ["added", "heading"],
    ]);
  });
});

describe("fieldChanges", () => {
  const before = { headline: "Harbor plan", sectionId: 1, authorIds: [10], tags: ["Harbor", "Council"], relatedIds: [], heroMediaId: null, seoTitle: "", commentsOpen: true };

  it("names each changed field and shows names, not ids", () => {
    const after = { ...before, headline: "Harbor plan approved", sectionId: 2, authorIds: [10, 11, 12], tags: ["Harbor", "Budget"], relatedIds: [20], heroMediaId: 30, seoTitle: "Plan", commentsOpen: false };
    expect(fieldChanges(before, after, names)).toEqual([
      { field: "headline", label: "Headline", kind: "text", segments: [{ change: "same", text: "Harbor plan " }, { change: "added", text: "approved" }] },
      { field: "sectionId", label: "Section", kind: "value", before: "U.S. (/news/us)", after: "Sport (/sport)" },
      { field: "authorIds", label: "Bylines", kind: "list", added: ["Ann Other", "(deleted author #12)"], removed: [] },
      { field: "tags", label: "Tags", kind: "list", added: ["Budget"], removed: ["Council"] },
      { field: "relatedIds", label: "Related stories", kind: "list", added: ["Council votes on the harbor"], removed: [] },
      { field: "heroMediaId", label: "Hero image", kind: "image", before: null, after: { alt: "The harbor at dawn", thumb: "/media/2026/01/abc-w320.webp" } },
      { field: "seoTitle", label: "SEO title", kind: "text", segments: [{ change: "added", text: "Plan" }] },
      { field: "commentsOpen", label: "Comments", kind: "value", before: "Open", after: "Closed" },
    ]);
  });

  it("says a reordering in the two orders, a deleted image by its id, and nothing when nothing changed", () => {
    expect(fieldChanges(before, { ...before }, names)).toEqual([]);
    const reordered = fieldChanges({ ...before, authorIds: [10, 11], heroMediaId: 31 }, { ...before, authorIds: [11, 10] }, names);
    expect(reordered).toEqual([
      { field: "authorIds", label: "Bylines", kind: "value", before: "Sam Writer, Ann Other", after: "Ann Other, Sam Writer" },
      { field: "heroMediaId", label: "Hero image", kind: "image", before: { alt: "(deleted image #31)", thumb: null }, after: null },
    ]);
  });
});
