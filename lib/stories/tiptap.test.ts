import { describe, expect, it } from "vitest";
import { storyDocumentSchema } from "./document";
import { toStoryDocument } from "./tiptap";

describe("toStoryDocument", () => {
  it("keeps what the document allows and drops what the editor adds", () => {
    const editorJson = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2, id: "x" }, content: [{ type: "text", text: "Title" }] },
        {
          type: "paragraph",
          attrs: { textAlign: "left" },
          content: [
            { type: "text", text: "Read ", marks: [{ type: "bold" }, { type: "underline" }] },
            { type: "text", text: "this", marks: [{ type: "link", attrs: { href: "https://example.org/a", target: "_blank", rel: "x", class: null } }] },
          ],
        },
        { type: "orderedList", attrs: { start: 1, type: null }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One" }] }] }] },
        { type: "relatedStory", attrs: { storyId: 4, headline: "Shown in the editor only" } },
        { type: "codeBlock", content: [{ type: "text", text: "rm -rf /" }] },
        { type: "paragraph" },
      ],
    };
    const doc = toStoryDocument(editorJson);
    expect(storyDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.content.map((node) => node.type)).toEqual(["heading", "paragraph", "orderedList", "relatedStory", "paragraph"]);
    expect(doc.content[1]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "Read ", marks: [{ type: "bold" }] },
        { type: "text", text: "this", marks: [{ type: "link", attrs: { href: "https://example.org/a" } }] },
      ],
    });
  });

  it("leaves a dangerous link for the server to refuse", () => {
    const doc = toStoryDocument({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
    });
    expect(storyDocumentSchema.safeParse(doc).success).toBe(false);
  });
});
