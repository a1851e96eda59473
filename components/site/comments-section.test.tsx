import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CommentsSection } from "./comments-section";

// Readers' names are isolated (<bdi>) wherever they are shown, so a name written right to left,
// or one stored before such names were refused, cannot reorder the text around it.

const SPOOF = "\u202Enimda";

const thread = [
  {
    id: 1,
    name: SPOOF,
    body: "See https://\u0430pple.com for more",
    createdAt: "2026-11-30T10:00:00.000Z",
    replies: [{ id: 2, name: "\u0645\u062d\u0645\u062f", body: "A reply.", createdAt: "2026-11-30T11:00:00.000Z" }],
  },
];

describe("the comments area", () => {
  const html = renderToStaticMarkup(<CommentsSection storyId={7} count={2} thread={thread} open />);

  it("shows every name in <bdi>, replies and reply links included", () => {
    expect(html).toContain(`<span class="comment-author"><bdi>${SPOOF}</bdi></span>`);
    expect(html).toContain(`<span class="comment-author"><bdi>\u0645\u062d\u0645\u062f</bdi></span>`);
    expect(html).toContain(`<span class="visually-hidden"> to <bdi>${SPOOF}</bdi></span>`);
  });

  it("links a look-alike host with its punycode name", () => {
    expect(html).toContain('<a href="https://xn--pple-43d.com/" rel="ugc nofollow noopener">https://xn--pple-43d.com</a>');
  });

  it("gives the form a signed token, so a post without JavaScript is not taken for a bot's", () => {
    expect(html).toMatch(/<input type="hidden" name="formToken" value="\d{10}\.[0-9a-f]{32}"\/>/);
  });
});
