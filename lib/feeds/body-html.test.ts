import { describe, expect, it } from "vitest";
import type { StoryDocument } from "@/lib/stories/document";
import { escapeHtml, renderBodyHtml } from "./body-html";

const siteUrl = "https://news.example";
const context = {
  siteUrl,
  related: { 7: { headline: 'Rates & "bonds" <rise>', path: "/business/rates-rise" } },
  media: { 3: { src: "/media/2026/01/abc.jpg", width: 800, height: 450 } },
};
const doc = (...content: StoryDocument["content"]): StoryDocument => ({ type: "doc", content });
const text = (value: string, marks?: { type: "bold" | "italic" }[]) => ({ type: "text" as const, text: value, marks });

// Strings that break naive templating (in the spirit of the Big List of Naughty Strings).
const hostile = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  "]]><evil/>",
  "&amp; &lt;already escaped&gt;",
  "<!-- comment --><![CDATA[x]]>",
  "javascript:alert(1)",
];

describe("renderBodyHtml", () => {
  it.each([
    ["paragraph with marks", doc({ type: "paragraph", content: [text("Bold", [{ type: "bold" }]), text(" and "), text("it", [{ type: "italic" }])] }), "<p><strong>Bold</strong> and <em>it</em></p>"],
    ["heading", doc({ type: "heading", attrs: { level: 3 }, content: [text("Sub")] }), "<h3>Sub</h3>"],
    ["bullet list", doc({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("One")] }] }] }), "<ul><li>One</li></ul>"],
    ["ordered list", doc({ type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("A")] }, { type: "paragraph", content: [text("B")] }] }] }), "<ol><li>A<br>B</li></ol>"],
    ["quote with cite", doc({ type: "blockquote", attrs: { cite: "Ada" }, content: [{ type: "paragraph", content: [text("Q")] }] }), "<figure><blockquote><p>Q</p></blockquote><figcaption>Ada</figcaption></figure>"],
    ["site link made absolute", doc({ type: "paragraph", content: [{ type: "text", text: "here", marks: [{ type: "link", attrs: { href: "/news/x?a=1&b=2" } }] }] }), '<p><a href="https://news.example/news/x?a=1&amp;b=2">here</a></p>'],
    ["image with absolute URL", doc({ type: "image", attrs: { mediaId: 3, alt: "A cat", caption: "Cap", credit: "Photo: Me" } }), '<figure><img src="https://news.example/media/2026/01/abc.jpg" width="800" height="450" alt="A cat"><figcaption>Cap Photo: Me</figcaption></figure>'],
    ["missing image left out", doc({ type: "image", attrs: { mediaId: 99, alt: "gone" } }), ""],
    ["related story", doc({ type: "relatedStory", attrs: { storyId: 7 } }), '<p>Related: <a href="https://news.example/business/rates-rise">Rates &amp; &quot;bonds&quot; &lt;rise&gt;</a></p>'],
    ["unpublished related story left out", doc({ type: "relatedStory", attrs: { storyId: 8 } }), ""],
    ["embed as a link", doc({ type: "embed", attrs: { url: "https://video.example/v?x=1&y=2", title: "Watch" } }), '<p><a href="https://video.example/v?x=1&amp;y=2">Watch</a></p>'],
    ["empty paragraph", doc({ type: "paragraph" }), ""],
  ])("%s", (_name, input, expected) => {
    expect(renderBodyHtml(input, context)).toBe(expected);
  });

  it("drops a link that today's rules refuse but keeps its text", () => {
    const html = renderBodyHtml(doc({ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }), context);
    expect(html).toBe("<p>click</p>");
  });

  it.each(hostile)("keeps %j as text everywhere it can appear", (bad) => {
    const html = renderBodyHtml(
      doc(
        { type: "paragraph", content: [text(bad)] },
        { type: "heading", attrs: { level: 2 }, content: [text(bad)] },
        { type: "blockquote", attrs: { cite: bad }, content: [{ type: "paragraph", content: [text(bad)] }] },
        { type: "image", attrs: { mediaId: 3, alt: bad, caption: bad, credit: bad } },
        { type: "embed", attrs: { url: "https://video.example/", title: bad } },
      ),
      context,
    );
    // Every "<" is one the renderer wrote: a tag from the allowlist.
    const tags = html.match(/<\/?([a-z0-9]+)/g) ?? [];
    expect(new Set(tags.map((tag) => tag.replace(/[</]/g, "")))).toEqual(new Set(["p", "h2", "figure", "blockquote", "figcaption", "img", "a"]));
    if (/[<>"']/.test(bad)) expect(html).not.toContain(bad);
    expect(html).toContain(escapeHtml(bad));
  });
});
