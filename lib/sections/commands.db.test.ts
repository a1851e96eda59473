import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createAuthor as insertAuthor, createSection as insertSection, createStory, documentOf } from "@/lib/testing/fixtures";
import { auditLog, redirects, sections } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { loadPathRules } from "@/lib/routing/path-rules";
import { createStory as createStoryCommand } from "@/lib/stories/commands";
import { createSection, moveSection, updateSection } from "./commands";
import { getSectionTree } from "./queries";

let test: TestDatabase;
let admin: CurrentUser;
let writer: CurrentUser;
let news: number;
let us: number;
let politics: number;
let world: number;

const pathOf = async (id: number) => (await test.db.select({ path: sections.path }).from(sections).where(eq(sections.id, id)))[0]?.path;

beforeAll(async () => {
  test = await createTestDatabase();
  news = await insertSection(test.db, "news", "News");
  us = await insertSection(test.db, "news/us", "U.S.");
  politics = await insertSection(test.db, "news/us/politics", "Politics");
  world = await insertSection(test.db, "news/world", "World");
  const password = "a-long-test-password";
  admin = asCurrent(await createUser({ email: "admin@test.test", name: "Ada Admin", role: "admin", password }));
  writer = asCurrent(await createUser({ email: "writer@test.test", name: "Wren Writer", role: "writer", password }));
});

afterAll(async () => {
  await test.dispose();
});

describe("creating", () => {
  it("creates a top-level section, last in order, and audits it", async () => {
    const created = await createSection(admin, { name: "Sport", slug: "sport", description: "Games." });
    expect(created.path).toBe("sport");
    const [row] = await test.db.select().from(sections).where(eq(sections.id, created.id));
    expect(row).toMatchObject({ parentId: null, slug: "sport", name: "Sport", description: "Games.", sortOrder: 1 });
    const [entry] = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "section.create"), eq(auditLog.targetId, String(created.id))));
    expect(entry).toMatchObject({ action: "section.create", actorId: admin.id, details: { to: "sport" } });
  });

  it("creates a nested section with a slug derived from the name", async () => {
    const created = await createSection(admin, { name: "Science & Health", slug: "", parentId: news });
    expect(created.path).toBe("news/science-and-health");
    const tree = await getSectionTree(test.db);
    expect(tree.byId[news]!.children.map((child) => child.path)).toContain("news/science-and-health");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an empty name", { name: "  " }, "name"],
    ["a name over 60 characters", { name: "x".repeat(61) }, "name"],
    ["a name without letters or digits", { name: "!!!", slug: "" }, "slug"],
    ["a slug with capitals", { slug: "Not A Slug" }, "slug"],
    ["a slug with double hyphens", { slug: "a--b" }, "slug"],
    ["a path already used", { slug: "us", parentId: "news" }, "slug"],
    ["a reserved first segment", { name: "Editor", slug: "" }, "slug"],
    ["a reserved slug given outright", { slug: "api" }, "slug"],
    ["the first segment of preview links", { slug: "preview" }, "slug"],
    ["a parent that does not exist", { parentId: 999_999 }, "parentId"],
    ["a fourth level", { parentId: "politics" }, "parentId"],
  ])("refuses %s with a message on the field, writing nothing", async (_case, overrides, field) => {
    const ids: Record<string, number> = { news, politics };
    const parentId = typeof overrides.parentId === "string" ? ids[overrides.parentId] : overrides.parentId;
    const before = await test.db.$count(sections);
    const error = await createSection(admin, { name: "Fresh", slug: "fresh", ...overrides, parentId } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toEqual([field]);
    expect(await test.db.$count(sections)).toBe(before);
  });

  it("lets a reserved word be the slug of a nested section", async () => {
    expect((await createSection(admin, { name: "Search", parentId: news })).path).toBe("news/search");
  });

  it("refuses anyone but an admin, writing nothing", async () => {
    const before = await test.db.$count(sections);
    await expect(createSection(writer, { name: "Opinion" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateSection(writer, us, { name: "States", slug: "us", parentId: news })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moveSection(writer, us, "up")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await test.db.$count(sections)).toBe(before);
    expect(await pathOf(us)).toBe("news/us");
  });
});

describe("renaming and moving", () => {
  it.each<[string, () => Record<string, unknown>, string]>([
    ["under itself", () => ({ parentId: us }), "parentId"],
    ["under its own child", () => ({ parentId: politics }), "parentId"],
    ["too deep with its children", () => ({ parentId: world }), "parentId"],
    ["onto a path in use", () => ({ parentId: null, slug: "news" }), "slug"],
    ["onto a reserved first segment", () => ({ parentId: null, slug: "live" }), "slug"],
  ])("refuses to move a section %s, changing nothing", async (_case, change, field) => {
    const error = await updateSection(admin, us, { name: "U.S.", slug: "us", parentId: news, ...change() } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toEqual([field]);
    expect([await pathOf(news), await pathOf(us), await pathOf(politics)]).toEqual(["news", "news/us", "news/us/politics"]);
  });

  it("renames without moving anything", async () => {
    expect(await updateSection(admin, us, { name: "United States", slug: "us", parentId: news, description: "Home." })).toEqual({ path: "news/us" });
    const [row] = await test.db.select().from(sections).where(eq(sections.id, us));
    expect(row).toMatchObject({ name: "United States", description: "Home.", path: "news/us" });
  });

  it("moves a section with its children, and its stories' old URLs answer 301", async () => {
    const story = await createStory(test.db, { sectionId: politics, slug: "senate-vote" });
    const draft = await createStory(test.db, { sectionId: politics, slug: "draft-story", status: "draft", publishedAt: null });
    const gone = await createStory(test.db, { sectionId: us, slug: "withdrawn-story", status: "unpublished" });
    // A redirect sitting on the story's future URL would loop.
    await test.db.insert(redirects).values({ fromPath: "/america/politics/senate-vote", storyId: gone.id });

    const result = await updateSection(admin, us, { name: "America", slug: "america", parentId: null });
    expect(result.path).toBe("america");
    expect([await pathOf(us), await pathOf(politics)]).toEqual(["america", "america/politics"]);

    const { rules } = await loadPathRules(test.db);
    expect(rules.get("/news/us/politics/senate-vote")).toEqual({ status: 301, location: "/america/politics/senate-vote" });
    expect(rules.get("/news/us/withdrawn-story")).toEqual({ status: 410 });
    expect(rules.get("/america/withdrawn-story")).toEqual({ status: 410 });
    expect(rules.has("/america/politics/senate-vote")).toBe(false);
    expect(rules.has("/news/us/politics/draft-story")).toBe(false);
    expect(await test.db.$count(redirects, eq(redirects.storyId, draft.id))).toBe(0);
    expect(story.id).toBeGreaterThan(0);

    const [entry] = await test.db.select().from(auditLog).where(eq(auditLog.action, "section.update")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.details).toMatchObject({ from: "news/us", to: "america" });
  });

  it("moves it back, with one hop from every old URL and none from the current one", async () => {
    await updateSection(admin, us, { name: "U.S.", slug: "us", parentId: news });
    expect(await pathOf(politics)).toBe("news/us/politics");
    const { rules } = await loadPathRules(test.db);
    expect(rules.get("/america/politics/senate-vote")).toEqual({ status: 301, location: "/news/us/politics/senate-vote" });
    expect(rules.has("/news/us/politics/senate-vote")).toBe(false);
  });

  it("refuses a slug that a story in the new parent already answers to", async () => {
    await createStory(test.db, { sectionId: news, slug: "budget" });
    const error = await createSection(admin, { name: "Budget", parentId: news }).catch((e) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ slug: "A story in that section already has this address" });
  });
});

describe("the old addresses of moved sections", () => {
  const rulesNow = async () => (await loadPathRules(test.db)).rules;
  const move = (id: number, name: string, slug: string, parentId: number | null = null) => updateSection(admin, id, { name, slug, parentId });

  it("answer 301 for a moved top-level section and every section below it, pages and feeds", async () => {
    const arts = await insertSection(test.db, "arts", "Arts");
    const film = await insertSection(test.db, "arts/film", "Film");
    const reviews = await insertSection(test.db, "arts/film/reviews", "Reviews");
    await move(arts, "Arts", "culture");
    const rules = await rulesNow();
    expect(rules.get("/arts")).toEqual({ status: 301, location: "/culture" });
    expect(rules.get("/arts/film")).toEqual({ status: 301, location: "/culture/film" });
    expect(rules.get("/arts/film/reviews")).toEqual({ status: 301, location: "/culture/film/reviews" });
    expect(rules.get("/arts/feed.xml")).toEqual({ status: 301, location: "/culture/feed.xml" });
    expect(rules.get("/arts/film/reviews/feed.xml")).toEqual({ status: 301, location: "/culture/film/reviews/feed.xml" });
    expect([...rules.keys()].filter((path) => path.startsWith("/culture"))).toEqual([]);
    expect(await test.db.$count(redirects, eq(redirects.sectionId, reviews))).toBe(1);
    expect(await pathOf(film)).toBe("culture/film");
  });

  it("answer 301 for a moved nested section, in one hop from every address it had", async () => {
    const [film] = await test.db.select({ id: sections.id }).from(sections).where(eq(sections.path, "culture/film"));
    await move(film!.id, "Film", "cinema", news);
    const rules = await rulesNow();
    expect(rules.get("/culture/film")).toEqual({ status: 301, location: "/news/cinema" });
    expect(rules.get("/arts/film")).toEqual({ status: 301, location: "/news/cinema" });
    expect(rules.get("/arts/film/reviews/feed.xml")).toEqual({ status: 301, location: "/news/cinema/reviews/feed.xml" });
    expect(rules.get("/culture/film/reviews")).toEqual({ status: 301, location: "/news/cinema/reviews" });
    // The section that stayed put still answers where it is, and its first address still leads there.
    expect(rules.has("/culture")).toBe(false);
    expect(rules.get("/arts")).toEqual({ status: 301, location: "/culture" });
  });

  it("collapse a chain of moves: A → B → C sends A and B straight to C", async () => {
    const [culture] = await test.db.select({ id: sections.id }).from(sections).where(eq(sections.path, "culture"));
    await move(culture!.id, "Arts", "life");
    const rules = await rulesNow();
    expect(rules.get("/arts")).toEqual({ status: 301, location: "/life" });
    expect(rules.get("/culture")).toEqual({ status: 301, location: "/life" });
    expect(rules.get("/culture/feed.xml")).toEqual({ status: 301, location: "/life/feed.xml" });
  });

  it("make an address live again when the section moves back to it", async () => {
    const [life] = await test.db.select({ id: sections.id }).from(sections).where(eq(sections.path, "life"));
    await move(life!.id, "Arts", "arts");
    const rules = await rulesNow();
    expect(rules.has("/arts")).toBe(false);
    expect(rules.has("/arts/feed.xml")).toBe(false);
    expect(rules.get("/culture")).toEqual({ status: 301, location: "/arts" });
    expect(rules.get("/life")).toEqual({ status: 301, location: "/arts" });
  });

  it("give way to a new section created at an old address", async () => {
    await createSection(admin, { name: "Culture", slug: "culture" });
    const rules = await rulesNow();
    expect(rules.has("/culture")).toBe(false);
    expect(rules.has("/culture/feed.xml")).toBe(false);
    expect(rules.get("/life")).toEqual({ status: 301, location: "/arts" });
  });

  it("give way to a story at the old address, filed there before the move or after it", async () => {
    const digest = await insertSection(test.db, "news/digest", "Digest");
    const briefs = await insertSection(test.db, "news/briefs", "Briefs");
    // The section page hid this story until the section moved away.
    await createStory(test.db, { sectionId: news, slug: "digest" });
    await move(digest, "Digest", "daily-digest", news);
    await move(briefs, "Briefs", "in-brief", news);
    expect((await rulesNow()).get("/news/briefs")).toEqual({ status: 301, location: "/news/in-brief" });

    const author = await insertAuthor(test.db, "Sam Stringer");
    await createStoryCommand(admin, { headline: "Briefs", slug: "briefs", sectionId: news, authorIds: [author], body: documentOf("A story.") });
    const rules = await rulesNow();
    expect(rules.has("/news/digest")).toBe(false);
    expect(rules.has("/news/briefs")).toBe(false);
    expect(rules.get("/news/digest/feed.xml")).toBeUndefined();
  });
});

describe("reordering", () => {
  const childrenOf = async (parentId: number) =>
    (await getSectionTree(test.db)).byId[parentId]!.children.map((child) => child.slug);

  it("swaps a section with its neighbour, even when their order was tied", async () => {
    // Both at sort order 0: the site shows them by name, Alpha first.
    const parent = await insertSection(test.db, "tied", "Tied");
    const alpha = await insertSection(test.db, "tied/alpha", "Alpha");
    await insertSection(test.db, "tied/beta", "Beta");
    await insertSection(test.db, "tied/gamma", "Gamma", 5);
    expect(await childrenOf(parent)).toEqual(["alpha", "beta", "gamma"]);

    await moveSection(admin, alpha, "down");
    expect(await childrenOf(parent)).toEqual(["beta", "alpha", "gamma"]);
    await moveSection(admin, alpha, "down");
    expect(await childrenOf(parent)).toEqual(["beta", "gamma", "alpha"]);
    await moveSection(admin, alpha, "up");
    expect(await childrenOf(parent)).toEqual(["beta", "alpha", "gamma"]);
    const [entry] = await test.db.select().from(auditLog).where(eq(auditLog.action, "section.move")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.details).toMatchObject({ path: "tied/alpha", direction: "up", swappedWith: "tied/gamma" });
  });

  it("refuses to move the first section up or the last down, changing nothing", async () => {
    const [first] = (await getSectionTree(test.db)).roots;
    await expect(moveSection(admin, first!.id, "up")).rejects.toBeInstanceOf(ConflictError);
    const orders = () => test.db.select({ id: sections.id, sortOrder: sections.sortOrder }).from(sections).orderBy(asc(sections.id));
    const before = await orders();
    await expect(moveSection(admin, politics, "down")).rejects.toBeInstanceOf(ConflictError);
    expect(await orders()).toEqual(before);
  });
});
