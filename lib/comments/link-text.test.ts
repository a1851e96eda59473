import { describe, expect, it } from "vitest";
import { commentLink, countCommentLinks, findCommentLinks } from "./link-text";

describe("a web address in a comment, as a link", () => {
  it("shows a look-alike host (Cyrillic а in apple.com) in punycode, and links to the ASCII address", () => {
    expect(commentLink("https://\u0430pple.com")).toEqual({ href: "https://xn--pple-43d.com/", text: "https://xn--pple-43d.com" });
    expect(commentLink("https://\u0430pple.com/id/\u0430?q=1#top")).toEqual({
      href: "https://xn--pple-43d.com/id/%D0%B0?q=1#top",
      text: "https://xn--pple-43d.com/id/\u0430?q=1#top",
    });
  });

  it("shows every host that is not plain ASCII in punycode, with its port kept", () => {
    expect(commentLink("http://b\u00fccher.example:8080/x")?.text).toBe("http://xn--bcher-kva.example:8080/x");
    expect(commentLink("https://\u03b1\u03b2\u03b3.gr")?.text).toBe("https://xn--mxacd.gr");
  });

  it("shows where a disguised host really leads", () => {
    expect(commentLink("https://\uff41pple.com/")?.text).toBe("https://apple.com/");
    expect(commentLink("https://app%6Ce.com/")?.text).toBe("https://apple.com/");
  });

  it("drops a user part, which can only pass one host off as another", () => {
    expect(commentLink("https://apple.com@evil.example/login")).toEqual({ href: "https://evil.example/login", text: "https://evil.example/login" });
    expect(commentLink("http://user:secret@b\u00fccher.example:8080/x")).toEqual({
      href: "http://xn--bcher-kva.example:8080/x",
      text: "http://xn--bcher-kva.example:8080/x",
    });
  });

  it("leaves an ordinary address as it was typed", () => {
    expect(commentLink("https://Example.org/More?a=b")).toEqual({ href: "https://example.org/More?a=b", text: "https://Example.org/More?a=b" });
    expect(commentLink("http://[::1]:3000/x")).toEqual({ href: "http://[::1]:3000/x", text: "http://[::1]:3000/x" });
  });

  it("is no link at all when the address cannot be parsed", () => {
    expect(commentLink("http://exa mple.com")).toBeNull();
    expect(commentLink("https://[oops")).toBeNull();
  });
});

describe("the links a comment holds", () => {
  it.each([
    ["no links here", []],
    ["www.example.com", [["https://www.example.com/", "www.example.com"]]],
    ["example.com", []],
    ["README.md and node.js", []],
    ["https://a.example/x", [["https://a.example/x", "https://a.example/x"]]],
    ["write to reader@example.com or mailto:reader@example.com", []],
    ["ftp://files.example.com and javascript:alert(1)", []],
    ["see https://x.example/a.b. and (www.example.org)", [["https://x.example/a.b", "https://x.example/a.b"], ["https://www.example.org/", "www.example.org"]]],
    ["WWW.Example.com/Path?q=1", [["https://www.example.com/Path?q=1", "WWW.Example.com/Path?q=1"]]],
    ["www.\u0430pple.com", [["https://www.xn--pple-43d.com/", "www.xn--pple-43d.com"]]],
    ["https://apple.com@evil.example/login", [["https://evil.example/login", "https://evil.example/login"]]],
  ])("%j", (text, expected) => {
    const found = findCommentLinks(text);
    expect(found.map((link) => [link.href, link.text])).toEqual(expected);
    expect(countCommentLinks(text)).toBe(expected.length);
  });

  it("says where each link was typed", () => {
    const text = "a https://a.example b www.example.com";
    expect(findCommentLinks(text).map((link) => text.slice(link.start, link.end))).toEqual(["https://a.example", "www.example.com"]);
  });
});
