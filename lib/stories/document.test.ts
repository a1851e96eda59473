import { describe, expect, it } from "vitest";
import { documentText, relatedStoryIds, storyDocumentSchema } from "./document";

const text = (value: string) => ({ type: "text", text: value });

describe("storyDocumentSchema", () => {
  it("accepts every allowed node type", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [text("Plain "), { type: "text", text: "bold", marks: [{ type: "bold" }] }] },
        { type: "heading", attrs: { level: 2 }, content: [text("A heading")] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("One")] }] }] },
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("First")] }] }] },
        { type: "blockquote", attrs: { cite: "A source" }, content: [{ type: "paragraph", content: [text("Quoted")] }] },
        { type: "image", attrs: { mediaId: 3, alt: "A harbor at dawn", caption: "Dawn.", credit: "Photo: desk" } },
        { type: "relatedStory", attrs: { storyId: 7 } },
        { type: "embed", attrs: { url: "https://video.example.org/watch/1", title: "Watch the launch" } },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "a link", marks: [{ type: "link", attrs: { href: "/news/us/other-story" } }] },
            { type: "hardBreak" },
            { type: "text", text: "mail", marks: [{ type: "link", attrs: { href: "mailto:desk@example.org" } }] },
          ],
        },
      ],
    };
    const parsed = storyDocumentSchema.parse(doc);
    expect(relatedStoryIds(parsed)).toEqual([7]);
    expect(documentText(parsed)).toContain("Quoted");
  });

  it.each([
    ["an unknown node", { type: "script", content: [] }],
    ["raw HTML", { type: "html", html: "<b>x</b>" }],
    ["a javascript: link", { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
    ["a protocol-relative link", { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "//evil.example" } }] }] }],
    ["a data: link", { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "data:text/html,hi" } }] }] }],
    ["an image without alt text", { type: "image", attrs: { mediaId: 1, alt: "  " } }],
    ["a heading level 1", { type: "heading", attrs: { level: 1 }, content: [text("Two h1s")] }],
    ["an unknown mark", { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "script" }] }] }],
    ["an extra attribute", { type: "relatedStory", attrs: { storyId: 1, onclick: "x" } }],
    ["an http embed", { type: "embed", attrs: { url: "http://video.example.org/1", title: "x" } }],
  ])("refuses %s", (_name, node) => {
    expect(storyDocumentSchema.safeParse({ type: "doc", content: [node] }).success).toBe(false);
  });
});
