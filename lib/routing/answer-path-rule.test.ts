import type { IncomingMessage, ServerResponse } from "node:http";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { answerPathRule } from "./answer-path-rule";
import { matchPathRule, type PathRule } from "./path-rules";

// Which paths answerPathRule looks up, with the rules themselves stubbed: a one-segment path can be
// a moved top-level section's old address; the site's own one-segment paths never wait for rules.

const RULES = new Map<string, PathRule>([
  ["/views", { status: 301, location: "/opinion" }],
  ["/views/feed.xml", { status: 301, location: "/opinion/feed.xml" }],
]);

vi.mock("./path-rules", () => ({ matchPathRule: vi.fn(async (path: string) => RULES.get(path)) }));

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
