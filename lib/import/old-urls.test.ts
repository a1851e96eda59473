import { describe, expect, it } from "vitest";
import { ghostArchivePaths, ghostOldPaths, siteFeedOldPaths, wordpressArchivePaths, wordpressOldPaths } from "./old-urls";

// The old addresses of an imported item, from what its export says.

describe("wordpressOldPaths", () => {
  const site = { baseUrl: "https://old.example.com" };

  it("lists the permalink, the guid, ?p=, the slug alone and the date permalink, once each", () => {
    const post = { id: 123, slug: "harbour-opens", link: "https://old.example.com/2019/04/29/harbour-opens/", guid: "https://old.example.com/?p=123", date: "2019-04-29 08:15:00" };
    expect(wordpressOldPaths(post, site)).toEqual(["/2019/04/29/harbour-opens", "/?p=123", "/harbour-opens"]);
  });

  it("keeps a custom permalink, leaves out links to other sites, and uses ?page_id= for pages", () => {
    const post = { id: 7, slug: "about", link: "https://old.example.com/news/about/", guid: "https://elsewhere.example.org/x", date: "2020-01-02 00:00:00", type: "page" };
    expect(wordpressOldPaths(post, site)).toEqual(["/news/about", "/?page_id=7", "/about"]);
  });

  it("puts a site in a folder's addresses under its folder, without query addresses", () => {
    const post = { id: 5, slug: "café-society", link: "https://old.example.com/blog/2021/06/01/caf%C3%A9-society/", guid: "https://old.example.com/blog/?p=5", date: "2021-06-01 10:00:00" };
    expect(wordpressOldPaths(post, { baseUrl: "https://old.example.com/blog/" })).toEqual(["/blog/2021/06/01/café-society", "/blog/café-society"]);
  });

  it("lists archives and feeds of categories (nested), tags and authors, and the site's feeds", () => {
    expect(wordpressArchivePaths("category", ["news", "us"])).toEqual({
      page: ["/category/news/us", "/category/us"],
      feed: ["/category/news/us/feed", "/category/news/us/feed/rss2", "/category/news/us/feed/atom", "/category/us/feed", "/category/us/feed/rss2", "/category/us/feed/atom"],
    });
    expect(wordpressArchivePaths("tag", ["weather"]).page).toEqual(["/tag/weather"]);
    expect(wordpressArchivePaths("author", ["ana"], { baseUrl: "https://old.example.com/blog" }).feed[0]).toBe("/blog/author/ana/feed");
    expect(siteFeedOldPaths()).toEqual(["/feed", "/feed/rss2", "/feed/atom", "/rss", "/rss2"]);
  });
});

describe("ghostOldPaths", () => {
  it("lists the post's url and its address under the site's permalink pattern", () => {
    const post = { id: "64a0", slug: "harbour-opens", url: "https://old.example.net/harbour-opens/", published_at: "2019-04-29T08:15:00.000Z" };
    expect(ghostOldPaths(post, { baseUrl: "https://old.example.net" })).toEqual(["/harbour-opens"]);
    expect(ghostOldPaths(post, { permalink: "/{year}/{month}/{day}/{slug}/" })).toEqual(["/harbour-opens", "/2019/04/29/harbour-opens"]);
    expect(ghostOldPaths({ slug: "draft", published_at: null }, { permalink: "/{year}/{slug}/" })).toEqual(["/draft"]);
    expect(ghostArchivePaths("tag", "weather")).toEqual({ page: ["/tag/weather"], feed: ["/tag/weather/rss"] });
  });
});
