import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { countCommentLinks } from "@/lib/comments/link-text";
import { CommentBody } from "./comment-body";

// The hold rule counts links and the comment shows links: a reader must never see a link the
// rule did not count, nor the rule hold a comment for links nobody sees.

const inputs = [
  "no links here",
  "www.example.com",
  "example.com",
  "https://a.example/x",
  "reader@example.com, mailto:reader@example.com",
  "ftp://files.example.com",
  "see https://a.example and https://b.example\nand www.example.org",
  "Two paragraphs: https://a.example/x\n\nwww.example.com/y, (https://b.example/z).",
  "https://\u0430pple.com and https://apple.com@evil.example/login",
  "http://exa mple.com",
];

function renderedLinks(text: string): string[] {
  const html = renderToStaticMarkup(<CommentBody text={text} />);
  return [...html.matchAll(/<a href="([^"]*)" rel="ugc nofollow noopener">/g)].map((match) => match[1] ?? "");
}

describe("the link counter and the comment as shown", () => {
  it.each(inputs)("agree on %j", (text) => {
    expect(renderedLinks(text)).toHaveLength(countCommentLinks(text));
  });

  it("links www. addresses and counts them", () => {
    expect(renderedLinks("www.example.com")).toEqual(["https://www.example.com/"]);
    expect(countCommentLinks("www.example.com")).toBe(1);
  });

  it("keeps the text between links as it was typed", () => {
    const html = renderToStaticMarkup(<CommentBody text={"before www.example.com, after"} />);
    expect(html).toBe('<div class="comment-text"><p><span>before <a href="https://www.example.com/" rel="ugc nofollow noopener">www.example.com</a>, after</span></p></div>');
  });
});
