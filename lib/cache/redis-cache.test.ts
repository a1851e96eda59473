import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { invalidate } from "./invalidate";
import { cacheTags } from "./tags";
import { markRevalidated, pageCacheState } from "./shared-state.cjs";
import { scrapedValues } from "@/lib/ops/process-metrics";
import { removeKeys, TEST_REDIS_URL, testInstance, testPrefix, waitFor, type TestInstance } from "./redis-testing";

// The page cache shared through Redis (lib/cache/redis-cache.ts) by pretend instances, each with
// its own state, handler and connections, as separate processes would have.

const prefix = testPrefix();
const instances: TestInstance[] = [];
const instance = (url = TEST_REDIS_URL, state?: TestInstance["state"]) => {
  const made = testInstance(url, prefix, state);
  instances.push(made);
  return made;
};
const up = (...all: TestInstance[]) => waitFor(() => all.every((one) => one.link.status() === "up"), "Redis to be up");

const page = (html: string, tags: string) => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from(`rsc of ${html}`),
  segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  headers: { "x-next-cache-tags": tags },
  status: 200,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

afterEach(async () => {
  await Promise.all(instances.splice(0).map((one) => one.link.close()));
});

afterAll(async () => {
  await removeKeys(TEST_REDIS_URL, prefix);
});

describe("with Redis", () => {
  it("shares a rendered page between instances, buffers, segments and its lifetime included", async () => {
    const a = instance();
    const b = instance();
    await up(a, b);
    await a.cache.set("/news/us/shared", page("<p>shared</p>", "story:1,_N_T_/news/us/shared"), { cacheControl: { revalidate: 300, expire: 3600 } });
    await waitFor(async () => (await b.cache.get("/news/us/shared", { kind: "APP_PAGE" })) !== null, "the page on B");

    const found = await b.cache.get("/news/us/shared", { kind: "APP_PAGE" });
    expect(found?.value.html).toBe("<p>shared</p>");
    expect(Buffer.isBuffer(found?.value.rscData) && found.value.rscData.toString()).toBe("rsc of <p>shared</p>");
    expect(found?.value.segmentData.get("/_tree").toString()).toBe("tree");
    expect(found?.cacheControl).toEqual({ revalidate: 300, expire: 3600 });
    expect(b.state.sharedLookups.hits).toBeGreaterThan(0);
    // Now in B's own memory too: answered without Redis.
    expect(b.state.entries.has("/news/us/shared")).toBe(true);
  });

  it("a tag marked on one instance reaches the other: its pages render afresh, its page store drops, its cached reads miss", async () => {
    const a = instance();
    const b = instance();
    await up(a, b);
    // The live overview as lib/live/cached.ts reads it: a cached read under the `live` tag.
    const overviewKey = "live-overview-key";
    await a.cache.set(overviewKey, { kind: "FETCH", data: { body: '[{"kind":"video","onAir":false}]', headers: {}, status: 200, url: "" }, revalidate: false }, { tags: [cacheTags.live] });
    await a.cache.set("/news/us/story-2", page("<p>before</p>", "story:2"), {});
    await waitFor(async () => (await b.cache.get(overviewKey, { kind: "FETCH", tags: [cacheTags.live] })) !== null, "the overview on B");
    expect((await b.cache.get("/news/us/story-2", { kind: "APP_PAGE" }))?.value.html).toBe("<p>before</p>");
    const storedBefore = b.state.lastRevalidatedAt ?? 0;

    await tick();
    // As lib/live/commands.ts and a story's edit do: through the one interface, on A.
    markRevalidated([cacheTags.live, cacheTags.story(2)], a.state);
    await waitFor(() => (b.state.revalidatedAt.get(cacheTags.live) ?? 0) > 0, "the mark on B");

    expect(await b.cache.get(overviewKey, { kind: "FETCH", tags: [cacheTags.live] })).toBeNull();
    // The page once more as stale (Next renders it afresh meanwhile), then gone.
    expect((await b.cache.get("/news/us/story-2", { kind: "APP_PAGE" }))?.lastModified).toBe(1);
    expect(await b.cache.get("/news/us/story-2", { kind: "APP_PAGE" })).toBeNull();
    // The server's page store drops what it stored before (lib/http/page-store.ts reads this).
    expect(b.state.lastRevalidatedAt).toBeGreaterThan(storedBefore);

    // A fresh render on either instance is shared again.
    await b.cache.set("/news/us/story-2", page("<p>after</p>", "story:2"), {});
    await waitFor(async () => (await a.cache.get("/news/us/story-2", { kind: "APP_PAGE" }))?.value.html === "<p>after</p>", "the new page on A");
  });

  it("invalidate() in this process reaches another instance, and its second pass too", async () => {
    const here = instance(TEST_REDIS_URL, pageCacheState());
    const other = instance();
    await up(here, other);
    invalidate({ tags: [cacheTags.frontPage], paths: ["/"] });
    await waitFor(() => other.state.revalidatedAt.has("_N_T_/") && other.state.revalidatedAt.has(cacheTags.frontPage), "the marks on the other instance");
    const first = other.state.revalidatedAt.get(cacheTags.frontPage)!;
    await waitFor(() => other.state.revalidatedAt.get(cacheTags.frontPage)! > first, "the second pass on the other instance");
  });

  it("a new instance reads the marks made before it started, so it never serves what they made stale", async () => {
    const a = instance();
    await up(a);
    await a.cache.set("/news/us/older", page("<p>older</p>", "story:3"), {});
    await tick();
    markRevalidated([cacheTags.story(3)], a.state);
    const late = instance();
    await up(late);
    expect(late.state.revalidatedAt.get(cacheTags.story(3))).toBe(a.state.revalidatedAt.get(cacheTags.story(3)));
    expect(await late.cache.get("/news/us/older", { kind: "APP_PAGE" })).toBeNull();
  });

  it("drops the marks older than any entry in Redis when it reads them, so they stay few", async () => {
    const redis = new Redis(TEST_REDIS_URL);
    const threeDaysAgo = Date.now() - 3 * 24 * 60 * 60 * 1000;
    await redis.hset(`${prefix}tags`, "story:old", String(threeDaysAgo), "story:recent", String(Date.now()));
    const late = instance();
    await up(late);
    expect(late.state.revalidatedAt.has("story:recent")).toBe(true);
    expect(late.state.revalidatedAt.has("story:old")).toBe(false);
    await waitFor(async () => (await redis.hexists(`${prefix}tags`, "story:old")) === 0, "the old mark to go");
    redis.disconnect();
  });

  it("counts the lookups in Redis for the operator's metrics", async () => {
    const here = instance(TEST_REDIS_URL, pageCacheState());
    await up(here);
    const counted = () =>
      Object.fromEntries(scrapedValues().find((metric) => metric.name === "meridian_page_cache_redis_lookups_total")!.read().map(([labels, value]) => [labels.result, value]));
    const before = counted();
    await here.cache.get("/news/us/not-cached-anywhere", { kind: "APP_PAGE" });
    expect(counted().miss).toBe(before.miss! + 1);
  });
});

describe("without Redis", () => {
  it("falls back to its own memory at a closed port, with one warning, and keeps its marks for later", async () => {
    const alone = instance(`redis://127.0.0.1:${await freePort()}/0`);
    await waitFor(() => alone.link.status() === "down", "the instance to give up on Redis");
    await alone.cache.set("/news/us/local", page("<p>local</p>", "story:4"), {});
    expect((await alone.cache.get("/news/us/local", { kind: "APP_PAGE" }))?.value.html).toBe("<p>local</p>");
    expect(await alone.cache.get("/never", { kind: "APP_PAGE" })).toBeNull();
    await tick();
    markRevalidated([cacheTags.story(4)], alone.state);
    expect((await alone.cache.get("/news/us/local", { kind: "APP_PAGE" }))?.lastModified).toBe(1);
    // Reconnection attempts go on; the warning is said once.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(alone.logged.filter((line) => line.includes("redis unavailable"))).toHaveLength(1);
  });
});

/** A port nothing listens on now: the Redis these tests stop and start is their own. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, "close");
  return port;
}

describe("Redis stopped and started again", async () => {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}/0`;
  let server: ChildProcess | undefined;

  const start = async () => {
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
    let said = "";
    server.stdout!.on("data", (chunk: Buffer) => (said += chunk.toString()));
    await waitFor(() => said.includes("Ready to accept connections"), "redis-server to start");
  };
  const stop = async () => {
    const exited = once(server!, "exit");
    server!.kill("SIGKILL");
    await exited;
  };

  afterAll(async () => {
    if (server && server.exitCode === null) await stop();
  });

  it("links an instance started before Redis once Redis is there", async () => {
    const early = instance(url);
    await waitFor(() => early.link.status() === "down", "the instance to give up on Redis");
    await start();
    await up(early);
    expect(early.logged.filter((line) => line.includes("redis available again"))).toHaveLength(1);
    await stop();
  });

  it("serves from memory while Redis is away, and shares what happened meanwhile when it is back", async () => {
    await start();
    const a = instance(url);
    const b = instance(url);
    await up(a, b);
    await a.cache.set("/news/us/during", page("<p>before the outage</p>", "story:5"), {});
    await a.cache.set("/news/us/untouched", page("<p>untouched</p>", "story:6"), {});
    await waitFor(async () => (await b.cache.get("/news/us/during", { kind: "APP_PAGE" })) !== null, "the page on B");
    await waitFor(async () => (await b.cache.get("/news/us/untouched", { kind: "APP_PAGE" })) !== null, "the other page on B");

    await stop();
    await waitFor(() => a.link.status() === "down" && b.link.status() === "down", "both instances to notice");
    // B still answers from its memory; A's edit during the outage is kept for later.
    expect((await b.cache.get("/news/us/during", { kind: "APP_PAGE" }))?.value.html).toBe("<p>before the outage</p>");
    await tick();
    markRevalidated([cacheTags.story(5)], a.state);
    expect(b.state.revalidatedAt.has(cacheTags.story(5))).toBe(false);

    await start();
    await up(a, b);
    for (const one of [a, b]) {
      expect(one.logged.filter((line) => line.includes("redis unavailable"))).toHaveLength(1);
      expect(one.logged.filter((line) => line.includes("redis available again"))).toHaveLength(1);
    }
    // A's mark made during the outage is in Redis and reaches B…
    const redis = new Redis(url);
    expect(Number(await redis.hget(`${prefix}tags`, cacheTags.story(5)))).toBe(a.state.revalidatedAt.get(cacheTags.story(5)));
    redis.disconnect();
    await waitFor(() => b.state.revalidatedAt.has(cacheTags.story(5)), "A's mark on B");
    // …and everything B cached before the outage is stale, untouched or not.
    expect((await b.cache.get("/news/us/during", { kind: "APP_PAGE" }))?.lastModified).toBe(1);
    expect((await b.cache.get("/news/us/untouched", { kind: "APP_PAGE" }))?.lastModified).toBe(1);
  });

  it("treats a Redis that stops answering (hung, connection open) as away, and comes back when it answers", async () => {
    if (!server || server.exitCode !== null) await start();
    const a = instance(url);
    await up(a);
    server!.kill("SIGSTOP");
    try {
      // Each lookup gives up on Redis within its bound and answers from memory (a miss here); one
      // slow answer is not an outage, three in a row are.
      expect(await a.cache.get("/news/us/hung", { kind: "APP_PAGE" })).toBeNull();
      expect(a.link.status()).toBe("up");
      for (let lookup = 0; lookup < 2; lookup++) expect(await a.cache.get("/news/us/hung", { kind: "APP_PAGE" })).toBeNull();
      expect(a.link.status()).toBe("down");
      expect(a.state.sharedLookups.errors).toBeGreaterThan(0);
    } finally {
      server!.kill("SIGCONT");
    }
    await up(a);
    expect(a.logged.filter((line) => line.includes("redis available again"))).toHaveLength(1);
  });
});
