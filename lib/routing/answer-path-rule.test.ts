import type { IncomingMessage, ServerResponse } from "node:http";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answerPathRule } from "./answer-path-rule";
import { matchOldPath } from "./old-paths";
import { matchPathRule, type PathRule } from "./path-rules";

// Which paths answerPathRule looks up, with the rules themselves stubbed: a one-segment path can be
// a moved top-level section's old address; the site's own one-segment paths never wait for rules.

const RULES = new Map<string, PathRule>([
  ["/views", { status: 301, location: "/opinion" }],
  ["/views/feed.xml", { status: 301, location: "/opinion/feed.xml" }],
]);

/** Imported old addresses by their key (lib/routing/old-path-key.ts), as the database would answer. */
const OLD = new Map<string, PathRule>([
  ["/?p=123", { status: 301, location: "/news/harbour-opens" }],
  ["/2019/04/29/harbour-opens", { status: 301, location: "/news/harbour-opens" }],
  ["/2018/01/02/pulled", { status: 410 }],
]);

vi.mock("./path-rules", () => ({
  matchPathRule: vi.fn(async (path: string) => RULES.get(path)),
  sectionPathTest: async () => (path: string) => path === "news" || path === "opinion",
}));
vi.mock("./old-paths", async () => {
  const { oldPathLookupKey } = await import("./old-path-key");
  return {
    matchOldPath: vi.fn(async (pathname: string, search: string, sectionTest: () => Promise<(path: string) => boolean>) => {
      const key = oldPathLookupKey(pathname, search, await sectionTest());
      const rule = key === null ? undefined : OLD.get(key);
      return rule && { rule, keepQuery: !key!.startsWith("/?") };
    }),
  };
});

function exchange(url: string) {
  const request = { url } as IncomingMessage;
  const response = { statusCode: 200, headers: {} as Record<string, string>, writeHead: vi.fn(), end: vi.fn() };
  response.writeHead.mockImplementation((status: number, headers: Record<string, string>) => {
    response.statusCode = status;
    response.headers = headers;
  });
  return { request, response, answer: () => answerPathRule(request, response as unknown as ServerResponse) };
}

beforeEach(() => {
  vi.mocked(matchPathRule).mockClear();
  vi.mocked(matchOldPath).mockClear();
});

describe("answerPathRule", () => {
  it.each([
    ["/views", "/opinion"],
    ["/views?before=123", "/opinion?before=123"],
    ["/views/feed.xml", "/opinion/feed.xml"],
    ["/views/feed.xml?format=rss", "/opinion/feed.xml?format=rss"],
  ])("answers %s with a 301 to %s", async (url, location) => {
    const old = exchange(url);
    expect(await old.answer()).toBe("answered");
    expect(old.response.statusCode).toBe(301);
    expect(old.response.headers.Location).toBe(location);
    expect(old.response.end).toHaveBeenCalled();
  });

  it("looks up a one-segment path that could be a section, and passes it on when it has no rule", async () => {
    const live = exchange("/opinion?before=5");
    expect(await live.answer()).toBe("continue");
    expect(matchPathRule).toHaveBeenCalledWith("/opinion");
    expect(live.request.url).toBe("/opinion?before=5");
  });

  it.each(["/", "/live", "/feed.xml", "/robots.txt", "/sitemap.xml", "/tags", "/editor", "/Views"])(
    "passes %s on without looking up a rule",
    async (url) => {
      const other = exchange(url);
      expect(await other.answer()).toBe("continue");
      expect(matchPathRule).not.toHaveBeenCalled();
      expect(other.request.url).toBe(url);
    },
  );

  it.each([
    ["/?p=123", "/news/harbour-opens"],
    ["/?p=123&utm_source=mail", "/news/harbour-opens"],
    ["/2019/04/29/harbour-opens/", "/news/harbour-opens"],
    ["/2019/04/29/harbour-opens", "/news/harbour-opens"],
    ["/2019/04/29/harbour-opens/?utm_source=mail", "/news/harbour-opens?utm_source=mail"],
  ])("answers the imported old address %s with a 301 to %s", async (url, location) => {
    const old = exchange(url);
    expect(await old.answer()).toBe("answered");
    expect(old.response.statusCode).toBe(301);
    expect(old.response.headers.Location).toBe(location);
  });

  it("sends a withdrawn imported story's old address to the 410 page, and passes unknown old addresses on (404)", async () => {
    const gone = exchange("/2018/01/02/pulled/");
    expect(await gone.answer()).toBe("continue");
    expect(gone.response.statusCode).toBe(410);
    for (const url of ["/2019/04/29/unknown/", "/?s=harbour", "/?ref=home", "/news/harbour-opens"]) {
      const other = exchange(url);
      expect(await other.answer()).toBe("continue");
      expect(other.response.statusCode).toBe(200);
      expect(other.request.url).toBe(url);
    }
  });

  it.each(["/?p=999", "/?page_id=4&ref=x", "/?cat=7", "/index.php?p=999"])("answers the unknown query address %s as an unknown path (404), not the front page", async (url) => {
    const unknown = exchange(url);
    expect(await unknown.answer()).toBe("continue");
    expect(unknown.request.url).toBe(url.startsWith("/index.php") ? url : "/_not-addressable");
  });

  it.each(["/tags/weather", "/authors/dana-okafor", "/sitemaps/stories-1.xml", "/media/photo.jpg", "/live/"])(
    "passes %s on unchanged",
    async (url) => {
      const other = exchange(url);
      expect(await other.answer()).toBe("continue");
      expect(other.response.statusCode).toBe(200);
      expect(other.request.url).toBe(url);
    },
  );
});
