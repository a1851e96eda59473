import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storyDocumentSchema } from "@/lib/stories/document";
import { ghostPostToDocument } from "./ghost-document";
import type { ImageRef } from "./types";

// Ghost bodies in each of its formats, written for this test: lexical (Ghost 5), mobiledoc
// (Ghost 1–4) and html, with their cards; then any JSON at all gives a valid document.

const item = "ghost post 64a0";
const resolveImage = (ref: ImageRef) => (ref.src.includes("/content/images/") ? 7 : null);
const t = (text: string, ...marks: object[]) => (marks.length ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: object[]) => ({ type: "paragraph", content });
const text = (value: string, format = 0) => ({ type: "text", text: value, format, detail: 0, mode: "normal", style: "", version: 1 });

describe("ghostPostToDocument from lexical", () => {
  const lexical = {
    root: {
      type: "root",
      children: [
        { type: "heading", tag: "h1", children: [text("Harbour night")] },
        { type: "paragraph", children: [text("Calm "), text("bold", 1), text(" and "), text("both", 3), { type: "linebreak" }, { type: "link", url: "https://example.com/t", children: [text("tide")] }] },
        { type: "list", listType: "number", tag: "ol", children: [{ type: "listitem", children: [text("One"), { type: "list", listType: "bullet", children: [{ type: "listitem", children: [text("Inner")] }] }] }, { type: "listitem", children: [text("Two")] }] },
        { type: "quote", children: [text("A quote")] },
        { type: "image", src: "https://old.example.net/content/images/2021/05/pier.jpg", alt: "The pier", caption: "<span>Pier at <b>dusk</b></span>" },
        { type: "gallery", images: [{ src: "https://old.example.net/content/images/g1.jpg", alt: "G1", caption: "First" }, { src: "https://cdn.example.com/g2.jpg", alt: "G2" }], caption: "A gallery" },
        { type: "embed", url: "https://video.example.com/v/9", embedType: "video", html: "<iframe src='https://video.example.com/embed/9'></iframe>", metadata: { title: "Launch video" } },
        { type: "bookmark", url: "https://example.org/read", metadata: { title: "Further reading" } },
        { type: "html", html: "<p>From <i>HTML</i></p><script>x()</script>" },
        { type: "horizontalrule" },
        { type: "signup", header: "Subscribe" },
        { type: "paragraph", children: [text("Ελληνικά και 日本語")] },
      ],
    },
  };

  it("maps each node and card to the document's node or a warning", async () => {
    const { document, warnings, images } = await ghostPostToDocument({ lexical: JSON.stringify(lexical), mobiledoc: "{}", html: "<p>ignored</p>" }, { item, resolveImage });
    expect(document.content).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [t("Harbour night")] },
      p(t("Calm "), t("bold", { type: "bold" }), t(" and "), t("both", { type: "bold" }, { type: "italic" }), { type: "hardBreak" }, t("tide", { type: "link", attrs: { href: "https://example.com/t" } })),
      { type: "orderedList", content: [{ type: "listItem", content: [p(t("One"))] }, { type: "listItem", content: [p(t("Inner"))] }, { type: "listItem", content: [p(t("Two"))] }] },
      { type: "blockquote", content: [p(t("A quote"))] },
      { type: "image", attrs: { mediaId: 7, alt: "The pier", caption: "Pier at dusk" } },
      { type: "image", attrs: { mediaId: 7, alt: "G1", caption: "First" } },
      p(t("G2", { type: "link", attrs: { href: "https://cdn.example.com/g2.jpg" } })),
      p(t("A gallery")),
      { type: "embed", attrs: { url: "https://video.example.com/v/9", title: "Launch video" } },
      p(t("Further reading", { type: "link", attrs: { href: "https://example.org/read" } })),
      p(t("From "), t("HTML", { type: "italic" })),
      p(t("Ελληνικά και 日本語")),
    ]);
    expect(images.map((image) => image.src)).toEqual([
      "https://old.example.net/content/images/2021/05/pier.jpg",
      "https://old.example.net/content/images/g1.jpg",
      "https://cdn.example.com/g2.jpg",
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      "A nested list was flattened: its items follow their parent item",
      "The image https://cdn.example.com/g2.jpg is not in the media library: kept as a link",
      "<script> was dropped: a story body carries no scripts",
      'A Ghost "signup" card cannot be shown: dropped',
    ]);
  });
});

describe("ghostPostToDocument from mobiledoc", () => {
  const mobiledoc = {
    version: "0.3.1",
    atoms: [["soft-return", "", {}], ["mention", "@ana", {}]],
    markups: [["strong"], ["a", ["href", "https://example.com/m"]], ["code"], ["a", ["href", "javascript:evil()"]]],
    cards: [
      ["image", { src: "https://old.example.net/content/images/m.jpg", alt: "Market", caption: "Market day" }],
      ["hr", {}],
      ["code", { code: "let a = 1;\nlet b = 2;" }],
    ],
    sections: [
      [1, "h2", [[0, [], 0, "Morning"]]],
      [1, "p", [[0, [], 0, "Plain "], [0, [0, 1], 1, "bold link"], [0, [], 1, " and"], [1, [], 0, 0], [0, [2], 1, "code"], [0, [], 0, " "], [1, [], 0, 1], [0, [3], 1, " bad"]]],
      [10, 0],
      [3, "ul", [[[0, [], 0, "Apples"]], [[0, [0], 1, "Pears"]]]],
      [1, "blockquote", [[0, [], 0, "Quoted"]]],
      [10, 1],
      [10, 2],
      [2, "https://old.example.net/content/images/section.jpg"],
    ],
  };

  it("reads sections, markers with their markups, atoms and cards", async () => {
    const { document, warnings } = await ghostPostToDocument({ mobiledoc: JSON.stringify(mobiledoc) }, { item, resolveImage });
    expect(document.content).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [t("Morning")] },
      p(t("Plain "), t("bold link", { type: "bold" }, { type: "link", attrs: { href: "https://example.com/m" } }), t(" and", { type: "bold" }), { type: "hardBreak" }, t("code @ana bad")),
      { type: "image", attrs: { mediaId: 7, alt: "Market", caption: "Market day" } },
      { type: "bulletList", content: [{ type: "listItem", content: [p(t("Apples"))] }, { type: "listItem", content: [p(t("Pears", { type: "bold" }))] }] },
      { type: "blockquote", content: [p(t("Quoted"))] },
      p(t("let a = 1;"), { type: "hardBreak" }, t("let b = 2;")),
      { type: "image", attrs: { mediaId: 7, alt: "Image" } },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'A link to "javascript:evil()" was dropped (only http(s), mailto and site paths are kept)',
      'The image https://old.example.net/content/images/section.jpg has no alt text: "Image" stands in; describe it in the editor',
    ]);
  });

  it("reads the rendered html for a Markdown card when the post has it, else the card's text", async () => {
    const markdown = JSON.stringify({ version: "0.3.1", markups: [], atoms: [], cards: [["markdown", { markdown: "# Title\n\nSome *text*" }]], sections: [[10, 0]] });
    const withHtml = await ghostPostToDocument({ mobiledoc: markdown, html: "<h1>Title</h1><p>Some <em>text</em></p>" }, { item });
    expect(withHtml.document.content).toEqual([{ type: "heading", attrs: { level: 2 }, content: [t("Title")] }, p(t("Some "), t("text", { type: "italic" }))]);
    expect(withHtml.warnings).toEqual([]);
    const alone = await ghostPostToDocument({ mobiledoc: markdown }, { item });
    expect(alone.document.content).toEqual([p(t("# Title")), p(t("Some *text*"))]);
    expect(alone.warnings.map((w) => w.message)).toEqual(["A Markdown card was kept as plain text (its formatting is lost)"]);
  });

  it("falls back to html when the JSON is broken, saying so", async () => {
    const { document, warnings } = await ghostPostToDocument({ lexical: "{not json", html: "<p>Rendered</p>" }, { item });
    expect(document.content).toEqual([p(t("Rendered"))]);
    expect(warnings).toEqual([{ item, message: "The post's lexical is not valid JSON: the next format was read instead" }]);
    expect((await ghostPostToDocument({}, { item })).document).toEqual({ type: "doc", content: [] });
  });
});

describe("ghostPostToDocument on deep input", () => {
  it("reads lexical nodes and lists nested 20,000 deep as their text, without overflowing the stack", async () => {
    // Written as text: JSON.stringify itself cannot go this deep.
    const n = 20_000;
    const link = '{"type":"link","url":"https://example.com","children":['.repeat(n) + JSON.stringify(text("Deep link text")) + "]}".repeat(n);
    const items = '{"type":"list","listType":"bullet","children":[{"type":"listitem","children":[{"type":"text","text":"Item"},'.repeat(n) + '{"type":"text","text":"Deep item"}' + "]}]}".repeat(n);
    const lexical = `{"root":{"children":[{"type":"paragraph","children":[${link}]},${items}]}}`;
    const { document, warnings } = await ghostPostToDocument({ lexical }, { item });
    expect(storyDocumentSchema.safeParse(document).success).toBe(true);
    expect(JSON.stringify(document)).toContain("Deep link text");
    expect(warnings.map((w) => w.message)).toContain("Nodes nested deeper than 100 levels were kept as plain text");
  });
});

describe("ghostPostToDocument on any input", () => {
  it("always gives a valid document and never throws", async () => {
    const node = fc.letrec((tie) => ({
      node: fc.record(
        {
          type: fc.constantFrom("paragraph", "heading", "list", "listitem", "quote", "link", "text", "linebreak", "image", "gallery", "html", "embed", "bookmark", "callout", "toggle", "mystery"),
          text: fc.string(),
          format: fc.integer({ min: -1, max: 255 }),
          url: fc.constantFrom("https://example.com", "javascript:x", "", "/p"),
          src: fc.constantFrom("https://example.com/content/images/a.jpg", "x", ""),
          tag: fc.constantFrom("h1", "h5", "p", "x"),
          html: fc.string(),
          caption: fc.string(),
          children: fc.array(tie("node"), { maxLength: 4 }),
        },
        { requiredKeys: ["type"] },
      ),
    })).node;
    const lexical = fc.array(node, { maxLength: 8 }).map((children) => JSON.stringify({ root: { children } }));
    const mobiledoc = fc.anything().map((sections) => JSON.stringify({ version: "0.3.1", markups: [["a", ["href"]], ["b"]], atoms: [["soft-return"]], cards: [["image", {}], ["gallery", { images: [null, {}] }]], sections }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(lexical.map((l) => ({ lexical: l })), mobiledoc.map((m) => ({ mobiledoc: m })), fc.string().map((s) => ({ lexical: s, mobiledoc: s, html: s }))), async (post) => {
        const result = await ghostPostToDocument(post, { item, resolveImage });
        expect(storyDocumentSchema.safeParse(result.document).success).toBe(true);
        expect(result.warnings.some((w) => w.message.startsWith("The body did not convert cleanly"))).toBe(false);
      }),
      { numRuns: Number(process.env.BOUNDARY_RUNS ?? 300) },
    );
  });
});
