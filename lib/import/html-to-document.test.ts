import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storyDocumentSchema } from "@/lib/stories/document";
import { htmlToDocument } from "./html-to-document";
import type { ImageRef } from "./types";

// The HTML body converter, case by case on small bodies written for this test, then against any
// input at all: whatever the HTML, the result is a valid story document and nothing throws.

const item = "post 7";
/** A media library that knows every image under /uploads/ (ids from 100 in order of asking). */
function library() {
  const asked: ImageRef[] = [];
  return {
    asked,
    resolveImage: (ref: ImageRef) => {
      asked.push(ref);
      return ref.src.includes("/uploads/") ? 100 + asked.length - 1 : null;
    },
  };
}

const convert = (html: string, options: Partial<Parameters<typeof htmlToDocument>[1]> = {}) => htmlToDocument(html, { item, ...options });
const t = (text: string, ...marks: object[]) => (marks.length ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: object[]) => ({ type: "paragraph", content });

describe("htmlToDocument", () => {
  it("converts paragraphs, headings, bold, italic and links, collapsing whitespace", async () => {
    const { document, warnings } = await convert(
      `<h1>Title</h1><p>Plain  <b>bold</b> and <em>italic <a href="https://example.com/a">linked</a></em>.</p>
       <h3>Sub</h3><h6>Deep</h6><p>Line<br>break</p><p>   </p>`,
    );
    expect(document.content).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [t("Title")] },
      p(t("Plain "), t("bold", { type: "bold" }), t(" and "), t("italic ", { type: "italic" }), t("linked", { type: "italic" }, { type: "link", attrs: { href: "https://example.com/a" } }), t(".")),
      { type: "heading", attrs: { level: 3 }, content: [t("Sub")] },
      { type: "heading", attrs: { level: 4 }, content: [t("Deep")] },
      p(t("Line"), { type: "hardBreak" }, t("break")),
    ]);
    expect(warnings).toEqual([]);
  });

  it("keeps only http(s), mailto and site-path links; resolves relative ones against the old site when given", async () => {
    const html = `<p><a href="javascript:alert(1)">a</a> <a href="mailto:x@example.com">b</a> <a href="/2019/04/29/old/">c</a> <a href="../up">d</a> <a href="//cdn.example.com/x">e</a></p>`;
    const plain = await convert(html);
    expect(plain.document.content).toEqual([
      p(t("a "), t("b", { type: "link", attrs: { href: "mailto:x@example.com" } }), t(" "), t("c", { type: "link", attrs: { href: "/2019/04/29/old/" } }), t(" d "), t("e", { type: "link", attrs: { href: "https://cdn.example.com/x" } })),
    ]);
    expect(plain.warnings.map((w) => w.message)).toEqual([
      'A link to "javascript:alert(1)" was dropped (only http(s), mailto and site paths are kept)',
      'A link to "../up" was dropped (only http(s), mailto and site paths are kept)',
    ]);
    const based = await convert(html, { baseUrl: "https://old.example.org/blog/post/" });
    const links = based.document.content[0]!.type === "paragraph" ? based.document.content[0]!.content!.flatMap((n) => (n.type === "text" ? (n.marks ?? []) : [])) : [];
    expect(links.map((m) => (m.type === "link" ? m.attrs.href : m.type))).toEqual([
      "mailto:x@example.com",
      "https://old.example.org/2019/04/29/old/",
      "https://old.example.org/blog/up",
      "https://cdn.example.com/x",
    ]);
  });

  it("converts lists, flattening nested ones, and quotes with their citation", async () => {
    const { document, warnings } = await convert(
      `<ul><li>One<ul><li>One.a</li></ul></li><li><p>Two</p><p>More</p></li></ul><ol><li>First</li></ol>
       <blockquote><p>Said it.</p><h2>Loud</h2><cite>Ana Ruiz</cite></blockquote>`,
    );
    expect(document.content).toEqual([
      { type: "bulletList", content: [{ type: "listItem", content: [p(t("One"))] }, { type: "listItem", content: [p(t("One.a"))] }, { type: "listItem", content: [p(t("Two")), p(t("More"))] }] },
      { type: "orderedList", content: [{ type: "listItem", content: [p(t("First"))] }] },
      { type: "blockquote", attrs: { cite: "Ana Ruiz" }, content: [p(t("Said it.")), p(t("Loud"))] },
    ]);
    expect(warnings.map((w) => w.message)).toEqual(["A nested list was flattened: its items follow their parent item"]);
  });

  it("turns images into image nodes through the resolver, with figure captions; unknown ones become links", async () => {
    const media = library();
    const { document, warnings, images } = await convert(
      `<p>Before <img src="https://old.example.org/uploads/a.jpg" alt="A harbour"> after</p>
       <figure><a href="/big.jpg"><img src="https://old.example.org/uploads/b.jpg" alt="Boats"></a><figcaption>Boats at <b>dawn</b></figcaption></figure>
       <figure><img src="https://elsewhere.example.com/c.jpg" alt="Gulls"><figcaption>Gulls</figcaption></figure>
       <img src="data:image/png;base64,AAAA">`,
      { resolveImage: media.resolveImage },
    );
    expect(document.content).toEqual([
      p(t("Before")),
      { type: "image", attrs: { mediaId: 100, alt: "A harbour" } },
      p(t("after")),
      { type: "image", attrs: { mediaId: 101, alt: "Boats", caption: "Boats at dawn" } },
      p(t("Gulls", { type: "link", attrs: { href: "https://elsewhere.example.com/c.jpg" } })),
    ]);
    expect(images).toEqual([
      { src: "https://old.example.org/uploads/a.jpg", alt: "A harbour" },
      { src: "https://old.example.org/uploads/b.jpg", alt: "Boats", caption: "Boats at dawn" },
      { src: "https://elsewhere.example.com/c.jpg", alt: "Gulls", caption: "Gulls" },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      "The image https://elsewhere.example.com/c.jpg is not in the media library: kept as a link",
      'The image "data:image/png;base64,AAAA" has no usable address and was dropped',
    ]);
    expect(warnings.every((w) => w.item === item)).toBe(true);
  });

  it("drops scripts, frames, styles, objects, embeds and forms with a warning", async () => {
    const { document, warnings } = await convert(
      `<p>Safe</p><script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe><object data="x"></object><embed src="x"><form><input name="q"></form><p onclick="alert(1)">Also safe</p>`,
    );
    expect(document.content).toEqual([p(t("Safe")), p(t("Also safe"))]);
    expect(warnings.map((w) => w.message)).toEqual([
      "<script> was dropped: a story body carries no scripts",
      "<style> was dropped: a story body carries no styles",
      "<iframe> was dropped: a story body carries no frames",
      "<object> was dropped: a story body carries no embedded objects",
      "<embed> was dropped: a story body carries no embedded objects",
      "<form> was dropped: a story body carries no forms",
    ]);
  });

  it("keeps tables and preformatted text as plain paragraphs, and survives broken markup", async () => {
    const { document } = await convert(`<table><tr><th>City</th><th>Rain</th></tr><tr><td>Porto</td><td>12</td></tr></table><pre>a\n  b</pre><p><b>unclosed <i>misnested</b> text</p>`);
    expect(document.content).toEqual([
      p(t("City | Rain")),
      p(t("Porto | 12")),
      p(t("a"), { type: "hardBreak" }, t("  b")),
      p(t("unclosed ", { type: "bold" }), t("misnested", { type: "bold" }, { type: "italic" }), t(" text", { type: "italic" })),
    ]);
  });

  it("splits what the document cannot hold in one node and keeps non-Latin text", async () => {
    const long = "Ж".repeat(45_000);
    const items = Array.from({ length: 250 }, (_, i) => `<li>項目 ${i}</li>`).join("");
    const { document } = await convert(`<p>${long}</p><ul>${items}</ul>`);
    expect(storyDocumentSchema.safeParse(document).success).toBe(true);
    const [first, list1, list2] = document.content;
    expect(first).toEqual(p(t("Ж".repeat(20_000)), t("Ж".repeat(20_000)), t("Ж".repeat(5_000))));
    expect(list1?.type === "bulletList" && list1.content.length).toBe(200);
    expect(list2?.type === "bulletList" && list2.content.length).toBe(50);
  });
});

describe("htmlToDocument with WordPress markup", () => {
  const wp = (html: string, options: Partial<Parameters<typeof htmlToDocument>[1]> = {}) => convert(html, { wordpress: true, ...options });

  it("makes paragraphs of blank lines and line breaks of single newlines (wpautop)", async () => {
    const { document } = await wp("First line\nsecond line\n\nNext <strong>paragraph</strong>\n\n\n<h2>Heading</h2>\nAfter");
    expect(document.content).toEqual([
      p(t("First line"), { type: "hardBreak" }, t("second line")),
      p(t("Next "), t("paragraph", { type: "bold" })),
      { type: "heading", attrs: { level: 2 }, content: [t("Heading")] },
      p(t("After")),
    ]);
  });

  it("reads [caption] shortcodes as captioned images and leaves ordinary brackets alone", async () => {
    const media = library();
    const { document, warnings } = await wp(
      `[caption id="attachment_5" align="alignnone" width="300"]<img src="https://old.example.org/uploads/p.jpg" alt="Pier" /> The old pier[/caption]\n\nA quote [sic] and note [1].\n\n[caption caption="From the attribute"]<img src="https://old.example.org/uploads/q.jpg" alt="Quay">[/caption]`,
      { resolveImage: media.resolveImage },
    );
    expect(document.content).toEqual([
      { type: "image", attrs: { mediaId: 100, alt: "Pier", caption: "The old pier" } },
      p(t("A quote [sic] and note [1].")),
      { type: "image", attrs: { mediaId: 101, alt: "Quay", caption: "From the attribute" } },
    ]);
    expect(warnings).toEqual([]);
  });

  it("turns galleries (block and shortcode) into a sequence of images", async () => {
    const media = library();
    const attachments: Record<number, ImageRef> = { 11: { src: "https://old.example.org/uploads/g1.jpg", alt: "One", caption: "First" }, 12: { src: "https://old.example.org/uploads/g2.jpg", alt: "Two" } };
    const { document, warnings } = await wp(
      `<!-- wp:gallery {"ids":[1,2]} -->
<figure class="wp-block-gallery"><ul class="blocks-gallery-grid"><li><figure><img src="https://old.example.org/uploads/x.jpg" alt="X"><figcaption>Ex</figcaption></figure></li><li><figure><img src="https://old.example.org/uploads/y.jpg" alt="Y"></figure></li></ul><figcaption>Both</figcaption></figure>
<!-- /wp:gallery -->

[gallery ids="11, 12,99"]`,
      { resolveImage: media.resolveImage, attachment: (id) => attachments[id] },
    );
    expect(document.content).toEqual([
      { type: "image", attrs: { mediaId: 100, alt: "X", caption: "Ex" } },
      { type: "image", attrs: { mediaId: 101, alt: "Y" } },
      p(t("Both")),
      { type: "image", attrs: { mediaId: 102, alt: "One", caption: "First" } },
      { type: "image", attrs: { mediaId: 103, alt: "Two" } },
    ]);
    expect(warnings.map((w) => w.message)).toEqual(["A gallery image (attachment 99) was not found in the export: dropped"]);
  });

  it("reads block comments: known blocks through their HTML, embeds as embeds, unknown blocks as plain paragraphs with a warning", async () => {
    const { document, warnings } = await wp(
      `<!-- wp:paragraph -->
<p>Hello</p>
<!-- /wp:paragraph -->

<!-- wp:embed {"url":"https://video.example.com/watch?v=1","type":"video"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://video.example.com/watch?v=1
</div><figcaption>The launch</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:acme/pricing-table {"plan":"pro"} -->
<div class="acme"><span>Pro plan</span> 9 a month</div>
<!-- /wp:acme/pricing-table -->

[contact-form id="3"]Write to us[/contact-form]`,
    );
    expect(document.content).toEqual([
      p(t("Hello")),
      { type: "embed", attrs: { url: "https://video.example.com/watch?v=1", title: "The launch" } },
      p(t("Pro plan 9 a month")),
      p(t("Write to us")),
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      "The shortcode [contact-form] is not known: its text is kept as plain paragraphs",
      'The block "wp:acme/pricing-table" is not known: its text is kept as plain paragraphs',
    ]);
  });
});

describe("htmlToDocument on deep markup", () => {
  it.each(["div", "span", "b", "blockquote", "ul", "figure", "section"])("reads <%s> nested 20,000 deep as its text, without overflowing the stack", async (tag) => {
    const html = `<${tag}>`.repeat(20_000) + "Deep text" + `</${tag}>`.repeat(20_000);
    const { document, warnings } = await convert(html, { wordpress: true });
    expect(storyDocumentSchema.safeParse(document).success).toBe(true);
    expect(JSON.stringify(document)).toContain("Deep text");
    expect(warnings.map((w) => w.message)).toContain("Markup nested deeper than 100 elements was kept as plain text");
  });
});

describe("htmlToDocument on many brackets", () => {
  it("reads a body of 100,000 unclosed [brackets] and shortcodes in one pass", async () => {
    const body = "[note] [gallery] [x y=1] [[esc]] ".repeat(100_000);
    const { document, warnings } = await convert(body, { wordpress: true });
    expect(storyDocumentSchema.safeParse(document).success).toBe(true);
    const text = JSON.stringify(document);
    expect(text.startsWith('{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"[note] [esc] [note] [esc] [note]')).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual([
      "A [gallery] without ids shows the post's attached images: not converted",
      "The shortcode [x] is not known: its text is kept as plain paragraphs",
    ]);
  });

  it("reads enclosing and self-closing shortcodes, nested in text, the first closing tag ending each", async () => {
    const { document } = await convert('Start [box title="a"]one[/box] mid [box /] [box]two[/box] end [/box]', { wordpress: true });
    expect(document.content).toEqual([p(t("Start")), p(t("one")), p(t("mid")), p(t("two")), p(t("end [/box]"))]);
  });
});

describe("htmlToDocument on any input", () => {
  const tags = ["p", "b", "i", "em", "strong", "a", "ul", "ol", "li", "blockquote", "h1", "h2", "h4", "figure", "figcaption", "img", "br", "pre", "table", "tr", "td", "script", "iframe", "div", "span", "cite"];
  const attributes = fc.constantFrom("", ' href="https://example.com/x"', ' href="javascript:x"', ' href="/a b"', ' src="https://example.com/uploads/i.jpg"', ' src="x.png" alt=""', ' alt="an alt"', ' class="wp-block-embed"');
  const piece = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constantFrom("\n\n", "\n", "[caption]", "[/caption]", '[gallery ids="1,2"]', "[embed]https://e.example[/embed]", "<!-- wp:unknown/x -->", "&amp;", "&#0;", "\u0000", "\ud800", "[[x]]"),
    fc.tuple(fc.constantFrom(...tags), attributes, fc.boolean()).map(([tag, attrs, close]) => (close ? `</${tag}>` : `<${tag}${attrs}>`)),
  );
  const html = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(""));

  it("always gives a valid document and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(html, fc.boolean(), async (body, wordpress) => {
        const result = await htmlToDocument(body, { item, wordpress, resolveImage: (ref) => (ref.src.includes("uploads") ? 5 : null), attachment: (id) => ({ src: `https://example.com/uploads/${id}.jpg` }) });
        expect(storyDocumentSchema.safeParse(result.document).success).toBe(true);
        expect(result.warnings.some((w) => w.message.startsWith("The body did not convert cleanly"))).toBe(false);
      }),
      { numRuns: Number(process.env.BOUNDARY_RUNS ?? 300) },
    );
  });
});
