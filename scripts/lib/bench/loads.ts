import type { CorpusFacts } from "./corpus";
import type { LoadOptions } from "./measure";
import type { LoadKind } from "./results";

// The loads of `npm run bench`, what each asks for and how hard. Pages are asked for by 50
// connections for a fixed time; the uncached article and comment posts by 20, the newsroom by 4.
// The uncached article never repeats an address: each request is the first for its article on
// this server (a fixed shuffle of the generated stories, consumed in order, each round stopped
// early if it would use more than its share), so neither the page store, Next's page cache nor the cached reads of that
// story hold it — only what all articles share (the header's sections, the live strip) is warm.
// Section pages are asked for uncached the same way: every section's page before each story.

export interface LoadPlan {
  id: string;
  label: string;
  kind: LoadKind;
  target: string;
  /** Asked once before the warm-up: a load whose route answers other than 200 is not measured. */
  probe?: { path: string; headers?: Record<string, string> };
  /** The options of one run (a warm-up or a round). */
  options: (round: "warm-up" | number) => LoadOptions;
}

export interface LoadSettings {
  site: string;
  staticSite: string;
  seconds: number;
  warmSeconds: number;
  rounds: number;
}

const PAGE_CONNECTIONS = 50;
export const HEAVY_CONNECTIONS = 20;
/** A newsroom has a few people at work at once, not fifty. */
const NEWSROOM_CONNECTIONS = 4;
const UNCACHED_WARM_UP = 20;
/** A reader's browser as it names itself: the view counter leaves bots (and autocannon's silence) out. */
const READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

/**
 * A load of addresses never asked for before on this server, each once: a fixed list consumed in
 * order, each round stopped before it would take more than its share.
 */
function firstRequests(s: LoadSettings, load: { id: string; label: string; kind: LoadKind; paths: string[]; what: string }): LoadPlan {
  // Requests still in flight when a round stops take a few more addresses: a margin of them.
  const perRound = Math.floor((load.paths.length - UNCACHED_WARM_UP) / s.rounds) - HEAVY_CONNECTIONS;
  let next = 0;
  return {
    id: load.id,
    label: load.label,
    kind: load.kind,
    target: `${load.paths.length} ${load.what}, at most ${perRound} a round`,
    probe: { path: load.paths.at(-1)! },
    options: (round) => ({
      url: s.site,
      connections: HEAVY_CONNECTIONS,
      ...(round === "warm-up" ? { amount: UNCACHED_WARM_UP } : { duration: s.seconds, maxRequests: perRound }),
      requests: [{ setupRequest: (request) => ({ ...request, path: load.paths[next++ % load.paths.length] }) }],
    }),
  };
}

/** Every load, in the order each round runs them. */
export function loadPlans(facts: CorpusFacts, sitemapPage: string, s: LoadSettings): LoadPlan[] {
  const duration = (round: "warm-up" | number) => (round === "warm-up" ? s.warmSeconds : s.seconds);
  const get = (path: string, connections = PAGE_CONNECTIONS, headers?: Record<string, string>) => (round: "warm-up" | number) => ({
    url: `${s.site}${path}`,
    connections,
    duration: duration(round),
    headers,
  });
  const page = (id: string, label: string, path: string): LoadPlan => ({ id, label, kind: "page", target: path, probe: { path }, options: get(path) });
  const session = { cookie: facts.cookie };
  const bearer = { authorization: `Bearer ${facts.token}` };
  const newsroom = (id: string, label: string, path: string, headers: Record<string, string>): LoadPlan => ({
    id,
    label,
    kind: "newsroom",
    target: path,
    probe: { path, headers },
    options: get(path, NEWSROOM_CONNECTIONS, headers),
  });
  const q = encodeURIComponent(facts.query);

  const uncached = firstRequests(s, {
    id: "article-uncached",
    label: "article, uncached (each a first request)",
    kind: "uncached-article",
    paths: facts.uncachedPaths,
    what: "generated articles",
  });
  const uncachedLists = firstRequests(s, {
    id: "section-uncached",
    label: "section pages, uncached (each a first request)",
    kind: "page",
    paths: facts.uncachedSectionPaths,
    what: "section pages (?before= each story)",
  });

  let posted = 0;
  const stamp = Date.now();
  const commentPath = `/api/stories/${facts.commentStoryId}/comments`;
  const comments: LoadPlan = {
    id: "comment-post",
    label: "comment POST",
    kind: "post",
    target: `POST ${commentPath}`,
    options: (round) => ({
      url: `${s.site}${commentPath}`,
      connections: HEAVY_CONNECTIONS,
      duration: duration(round),
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (request) => {
            posted++;
            const body = { name: `Reader ${posted}`, body: `Benchmark comment number ${posted}.`, idempotencyKey: `bench-${stamp}-${posted}` };
            return { ...request, body: JSON.stringify(body) };
          },
        },
      ],
    }),
  };

  // Readers' view beacons (lib/analytics/beacon.ts), as 50 readers' browsers post them: answered by
  // the HTTP server before Next, counted in memory and written once every few seconds. Its CPU per
  // request is the cost of one view: 1,000 views a second take that many ms of CPU each second.
  const views: LoadPlan = {
    id: "view-beacon",
    label: "view beacon POST (counted views)",
    kind: "post",
    target: "POST /api/views",
    options: (round) => ({
      url: `${s.site}/api/views`,
      connections: PAGE_CONNECTIONS,
      duration: duration(round),
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": READER_AGENT },
      body: JSON.stringify({ storyId: facts.commentStoryId }),
    }),
  };

  return [
    { id: "static", label: "static server, same article bytes", kind: "static", target: "/index.html", options: (round) => ({ url: `${s.staticSite}/index.html`, connections: PAGE_CONNECTIONS, duration: duration(round) }) },
    { id: "article-cached", label: "article, cached", kind: "cached-article", target: facts.articlePath, probe: { path: facts.articlePath }, options: get(facts.articlePath) },
    uncached,
    page("home", "home", "/"),
    page("section", "section page 1", facts.sectionPath),
    page("section-deep", "section page, 90% deep (Older)", facts.deepSectionPath),
    uncachedLists,
    page("feed", "feed (/feed.xml)", "/feed.xml"),
    page("sitemap", "story sitemap, first page", sitemapPage),
    page("search", "search (public)", `/search?q=${q}`),
    newsroom("newsroom-list", "newsroom story list", "/editor", session),
    newsroom("newsroom-search", "newsroom headline search", `/editor?q=${q}`, session),
    newsroom("picker-search", "related-story search (API)", `/api/admin/stories/search?q=${q}`, bearer),
    newsroom("moderation", "moderation queue", "/editor/comments", session),
    comments,
    views,
  ];
}
