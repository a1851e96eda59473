import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stories, storyViews } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createSection, createStory } from "@/lib/testing/fixtures";
import { answerViewBeacon } from "./beacon";
import { hourOf, viewCounter, writeViews, type HourCount } from "./counter";

// The view counter: beacons answered by the HTTP server, counted in memory per story per hour,
// written in one statement per flush; bots, the newsroom and prefetches not counted.

const HOUR = 3_600_000;
const SESSION_COOKIE = "next-auth.session-token";
const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
let t: TestDatabase;
let section: number;

beforeAll(async () => {
  t = await createTestDatabase();
  section = await createSection(t.db, "count-desk", "Count desk");
});
afterAll(() => t.dispose());

/** Runs `work` and returns the statements the database was sent meanwhile. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const session = (t.db as unknown as { session: { logger: Logger } }).session;
  const previous = session.logger;
  const seen: string[] = [];
  session.logger = { logQuery: (text) => seen.push(text) };
  try {
    await work();
  } finally {
    session.logger = previous;
  }
  return seen;
}

const viewsOf = async (storyId: number) =>
  (await t.db.select({ hour: storyViews.hour, views: storyViews.views }).from(storyViews).where(eq(storyViews.storyId, storyId)).orderBy(storyViews.hour)).map(
    (row) => [row.hour.toISOString(), row.views],
  );

describe("viewCounter", () => {
  it("adds many views up per story per hour and writes them in one batch", async () => {
    let clock = Date.UTC(2026, 10, 2, 9, 59);
    const batches: HourCount[][] = [];
    const counter = viewCounter(async (counts) => void batches.push(counts), () => clock);
    for (let i = 0; i < 1_000; i++) counter.add(i % 2 ? 7 : 8);
    clock += 2 * 60_000;
    counter.add(7);
    expect(counter.pending).toBe(3);
    await counter.flush();
    expect(batches).toHaveLength(1);
    const hour = hourOf(Date.UTC(2026, 10, 2, 9, 59));
    expect(batches[0]).toEqual([
      { storyId: 8, hour, views: 500 },
      { storyId: 7, hour, views: 500 },
      { storyId: 7, hour: hour + HOUR, views: 1 },
    ]);
    await counter.flush();
    expect(batches).toHaveLength(1);
  });

  it("keeps the views of a failed write for the next flush", async () => {
    let fail = true;
    const written: HourCount[] = [];
    const counter = viewCounter(async (counts) => {
      if (fail) throw new Error("the database is away");
      written.push(...counts);
    }, () => 0);
    counter.add(3);
    await expect(counter.flush()).rejects.toThrow("away");
    counter.add(3);
    fail = false;
    await counter.flush();
    expect(written).toEqual([{ storyId: 3, hour: 0, views: 2 }]);
  });

  it("writes once at a time: a flush called during another writes what came since", async () => {
    const batches: number[] = [];
    let release!: () => void;
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    const counter = viewCounter(async (counts) => {
      batches.push(counts[0]!.views);
      if (batches.length > 1) return;
      started();
      await new Promise<void>((resolve) => (release = resolve));
    }, () => 0);
    counter.add(1);
    const first = counter.flush();
    await writing;
    counter.add(1);
    counter.add(1);
    const second = counter.flush();
    await Promise.resolve();
    expect(batches).toEqual([1]);
    release();
    await Promise.all([first, second]);
    expect(batches).toEqual([1, 2]);
  });
});

describe("writeViews", () => {
  it("adds a batch to the stored hours in one statement, skipping stories deleted or not published", async () => {
    const { id: read } = await createStory(t.db, { sectionId: section, slug: "count-read" });
    const { id: deleted } = await createStory(t.db, { sectionId: section, slug: "count-deleted" });
    const { id: draft } = await createStory(t.db, { sectionId: section, slug: "count-draft", status: "draft", publishedAt: null });
    const hour = Date.UTC(2026, 10, 2, 9);
    await writeViews(t.db, [{ storyId: read, hour, views: 4 }]);
    await t.db.delete(stories).where(eq(stories.id, deleted));
    const statements = await statementsOf(() =>
      writeViews(t.db, [
        { storyId: read, hour, views: 3 },
        { storyId: read, hour: hour + HOUR, views: 1 },
        { storyId: deleted, hour, views: 9 },
        { storyId: draft, hour, views: 9 },
        { storyId: 2_000_000_000, hour, views: 9 },
      ]),
    );
    expect(statements).toHaveLength(1);
    expect(await viewsOf(read)).toEqual([
      ["2026-11-02T09:00:00.000Z", 7],
      ["2026-11-02T10:00:00.000Z", 1],
    ]);
    expect(await viewsOf(draft)).toEqual([]);
  });
});

describe("the view beacon", () => {
  const counted: number[] = [];
  const counter = viewCounter(async () => {});
  const add = counter.add;
  counter.add = (storyId) => {
    counted.push(storyId);
    add(storyId);
  };
  const server = http.createServer((request, response) => {
    if (!answerViewBeacon(request, response, counter, SESSION_COOKIE)) {
      response.writeHead(200);
      response.end("next");
    }
  });
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/views`, { method: "POST", body, headers: { "user-agent": READER, "content-type": "text/plain;charset=UTF-8", ...headers } });

  it("counts a reader's view and answers 204 with nothing stored on the reader", async () => {
    counted.length = 0;
    const response = await post('{"storyId":42}');
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(counted).toEqual([42]);
  });

  it.each([
    ["a bot", { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }],
    ["a headless browser", { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36" }],
    ["no User-Agent", { "user-agent": "" }],
    ["the newsroom", { cookie: `theme=dark; ${SESSION_COOKIE}=signed.in.token` }],
    ["a prefetch", { "sec-purpose": "prefetch" }],
    ["a prerender", { "sec-purpose": "prefetch;prerender" }],
    ["an older prefetch", { purpose: "prefetch" }],
    ["Firefox's prefetch", { "x-moz": "prefetch" }],
  ])("does not count %s, and answers 204 all the same", async (_, headers) => {
    counted.length = 0;
    expect((await post('{"storyId":42}', headers)).status).toBe(204);
    expect(counted).toEqual([]);
  });

  it.each([
    ["not JSON", "42"],
    ["empty", ""],
    ["no story id", '{"id":42}'],
    ["a string id", '{"storyId":"42"}'],
    ["a negative id", '{"storyId":-1}'],
    ["a fraction", '{"storyId":1.5}'],
    ["an id no story can have", '{"storyId":2147483648}'],
    ["null", "null"],
  ])("refuses a body that is %s with 400 and a message", async (_, body) => {
    counted.length = 0;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/storyId/);
    expect(counted).toEqual([]);
  });

  it("refuses a body too long to be a beacon (413) and any other method (405)", async () => {
    expect((await post(JSON.stringify({ storyId: 1, padding: "x".repeat(300) }))).status).toBe(413);
    const get = await fetch(`${base}/api/views`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("leaves every other address to the rest of the server", async () => {
    expect(await (await fetch(`${base}/api/viewsx`, { method: "POST", body: "{}" })).text()).toBe("next");
  });
});
