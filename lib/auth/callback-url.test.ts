import { describe, expect, it } from "vitest";
import { isNewsroomUrl, newsroomPath } from "./callback-url";

const SITE = "https://news.example.org";

describe("newsroomPath", () => {
  it.each([
    ["a newsroom path", "/editor/stories/4?tab=history#top", "/editor/stories/4?tab=history#top"],
    ["the newsroom itself", "/editor", "/editor"],
    ["an absolute URL of this site", "https://news.example.org/editor/account", "/editor/account"],
    ["a host that does not parse", "http://%zz", "/editor"],
    ["an unclosed IPv6 host", "http://[::1", "/editor"],
    ["a host with a space", "http://a b", "/editor"],
    ["a scheme without a host", "http://", "/editor"],
    ["a path that does not decode", "/editor/%zz", "/editor"],
    ["another site", "https://evil.example/editor", "/editor"],
    ["a protocol-relative URL", "//evil.example/editor", "/editor"],
    ["a backslash trick", "/\\evil.example/editor", "/editor"],
    ["javascript:", "javascript:alert(1)", "/editor"],
    ["a page outside the newsroom", "/news", "/editor"],
    ["a look-alike prefix", "/editorial", "/editor"],
    ["a way out by dot segments", "/editor/../news", "/editor"],
    ["nothing", "", "/editor"],
    ["not a string", ["/editor/account"], "/editor"],
  ])("%s", (_name, value, expected) => {
    expect(newsroomPath(value, SITE)).toBe(expected);
  });
});

describe("isNewsroomUrl", () => {
  it("accepts newsroom pages as paths or absolute URLs, and nothing else", () => {
    expect(isNewsroomUrl("/editor/account", SITE)).toBe(true);
    expect(isNewsroomUrl("https://news.example.org/editor", SITE)).toBe(true);
    expect(isNewsroomUrl("http://%zz", SITE)).toBe(false);
    expect(isNewsroomUrl("https://evil.example/editor", SITE)).toBe(false);
  });
});
