import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { auditLog, stories, storyRevisions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { loadPathRules } from "@/lib/routing/path-rules";
import { updateSiteSettings } from "@/lib/settings/site";
import { createStory, saveStory } from "./commands";
import { addCorrection, publishDueStories, publishStory, scheduleStory, submitForReview, unpublishStory } from "./workflow";
import { getPublishedArticle, lookupStorySlug } from "./queries";

let test: TestDatabase;
let admin: CurrentUser;
let editor: CurrentUser;
let writer: CurrentUser;
let otherWriter: CurrentUser;
let us: number;
let world: number;
let authorId: number;

function input(overrides: Record<string, unknown> = {}) {
  return {
    headline: "Council approves new harbor wall",
    deck: "The vote ends a two-year debate.",
    sectionId: us,
    authorIds: [authorId],
    tags: ["Infrastructure", "Local government"],
    body: documentOf("The council voted on Tuesday.", "Work starts in spring."),
    ...overrides,
  };
}

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  us = await createSection(test.db, "news/us", "U.S.");
  world = await createSection(test.db, "news/world", "World");
  authorId = await createAuthor(test.db, "Pat Reporter");
  const password = "a-long-test-password";
  admin = asCurrent(await createUser({ email: "admin@test.test", name: "Ada Admin", role: "admin", password }));
  editor = asCurrent(await createUser({ email: "editor@test.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@test.test", name: "Wren Writer", role: "writer", password }));
  otherWriter = asCurrent(await createUser({ email: "other@test.test", name: "Otto Other", role: "writer", password }));
});

afterAll(async () => {
  await test.dispose();
});

describe("creating and saving", () => {
  it("opens comments on a new story as the site settings say, through any caller, unless the story says otherwise", async () => {
    await updateSiteSettings(admin, { commentsOpenByDefault: "false" });
    try {
      const closed = await createStory(editor, input({ slug: "closed-by-default" }));
      const open = await createStory(editor, input({ slug: "open-by-choice", commentsOpen: true }));
      const rows = await test.db.select({ id: stories.id, commentsOpen: stories.commentsOpen }).from(stories);
      expect(rows.find((row) => row.id === closed.id)?.commentsOpen).toBe(false);
      expect(rows.find((row) => row.id === open.id)?.commentsOpen).toBe(true);
    } finally {
      await updateSiteSettings(admin, { commentsOpenByDefault: "true" });
    }
  });

  it("creates a draft with a slug from the headline and a first revision", async () => {
    const created = await createStory(writer, input());
    expect(created).toMatchObject({ slug: "council-approves-new-harbor-wall", revision: 1 });
    const [row] = await test.db.select().from(stories).where(eq(stories.id, created.id));
    expect(row).toMatchObject({ status: "draft", createdById: writer.id });
    expect(await test.db.select().from(storyRevisions).where(eq(storyRevisions.storyId, created.id))).toHaveLength(1);
  });

  it.each([
    [{ headline: "" }, "headline"],
    [{ slug: "Not A Slug" }, "slug"],
    [{ authorIds: [] }, "authorIds"],
    [{ authorIds: [999_999] }, "authorIds"],
    [{ sectionId: 999_999 }, "sectionId"],
    [{ heroMediaId: 999_999, heroAlt: "x" }, "heroMediaId"],
    [{ heroMediaId: 1 }, "heroAlt"],
    [{ body: { type: "doc", content: [{ type: "script" }] } }, "body"],
    [{ relatedIds: [999_999] }, "relatedIds"],
  ])("refuses %j with a message on %s, writing nothing", async (overrides, field) => {
    const before = await test.db.$count(stories);
    const error = await createStory(writer, input({ slug: `bad-${Math.random().toString(36).slice(2, 8)}`, ...overrides })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toContain(field);
    expect(await test.db.$count(stories)).toBe(before);
  });

  it("refuses a slug another story uses", async () => {
    await createStory(editor, input({ slug: "taken-slug" }));
    const error = await createStory(editor, input({ slug: "taken-slug" })).catch((e) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ slug: "Another story already uses this slug" });
  });

  it("refuses a stale save with who saved it, and overwrites nothing", async () => {
    const { id } = await createStory(writer, input({ slug: "concurrent-story" }));
    const first = await saveStory(editor, id, input({ slug: "concurrent-story", headline: "Editor's version" }), 1);
    expect(first.revision).toBe(2);
    const error = await saveStory(writer, id, input({ slug: "concurrent-story", headline: "Writer's version" }), 1).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).details).toMatchObject({ revision: 2, updatedBy: "Eddie Editor" });
    const [row] = await test.db.select({ headline: stories.headline }).from(stories).where(eq(stories.id, id));
    expect(row?.headline).toBe("Editor's version");
    expect(await test.db.$count(storyRevisions, eq(storyRevisions.storyId, id))).toBe(2);
  });
});

describe("who may do what", () => {
  it("lets a writer edit and submit their own draft, not someone else's, and never publish", async () => {
    const { id } = await createStory(writer, input({ slug: "writers-own" }));
    await expect(saveStory(otherWriter, id, input({ slug: "writers-own" }), 1)).rejects.toBeInstanceOf(ForbiddenError);
    await saveStory(writer, id, input({ slug: "writers-own", deck: "Sharper deck." }), 1);
    await expect(publishStory(writer, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(scheduleStory(writer, id, new Date(Date.now() + 3600_000))).rejects.toBeInstanceOf(ForbiddenError);
    const submitted = await submitForReview(writer, id);
    expect(submitted.status).toBe("review");
    await publishStory(editor, id);
    // Once published it is the editors' to change.
    await expect(saveStory(writer, id, input({ slug: "writers-own" }), 4)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(unpublishStory(writer, id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the workflow", () => {
  it("publishes, corrects, unpublishes (410) and audits each step", async () => {
    const { id } = await createStory(writer, input({ slug: "workflow-story" }));
    await publishStory(editor, id);
    expect(await lookupStorySlug("workflow-story")).toMatchObject({ state: "published" });
    await addCorrection(editor, id, "An earlier version misstated the vote count.");
    const article = await getPublishedArticle(id);
    expect(article?.corrections.map((c) => c.note)).toEqual(["An earlier version misstated the vote count."]);
    expect(article?.revisedAt).not.toBeNull();
    await unpublishStory(admin, id);
    expect(await lookupStorySlug("workflow-story")).toMatchObject({ state: "gone" });
    const { rules } = await loadPathRules();
    expect(rules.get("/news/us/workflow-story")).toEqual({ status: 410 });
    const actions = (await test.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, String(id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["story.create", "story.publish", "story.correct", "story.unpublish"]));
  });

  it("schedules only in the future, and publishes when the time has come", async () => {
    const { id } = await createStory(editor, input({ slug: "scheduled-story" }));
    await expect(scheduleStory(editor, id, new Date(Date.now() - 1000))).rejects.toBeInstanceOf(ValidationError);
    await scheduleStory(editor, id, new Date(Date.now() + 3600_000));
    expect(await publishDueStories()).not.toContain(id);
    expect(await lookupStorySlug("scheduled-story")).toEqual({ state: "missing" });
    // The time passes (as if the server had been down then).
    await test.db.update(stories).set({ scheduledAt: new Date(Date.now() - 1000) }).where(eq(stories.id, id));
    expect(await publishDueStories()).toContain(id);
    expect(await lookupStorySlug("scheduled-story")).toMatchObject({ state: "published" });
  });

  it("keeps every old URL of a published story answering 301 to the current one, without loops", async () => {
    const { id } = await createStory(editor, input({ slug: "first-slug" }));
    await publishStory(editor, id);
    // Publishing is not a save: the story is still at its first revision.
    let revision = 1;
    await saveStory(editor, id, input({ slug: "second-slug" }), revision++);
    await saveStory(editor, id, input({ slug: "third-slug", sectionId: world }), revision++);
    let { rules } = await loadPathRules();
    expect(rules.get("/news/us/first-slug")).toEqual({ status: 301, location: "/news/world/third-slug" });
    expect(rules.get("/news/us/second-slug")).toEqual({ status: 301, location: "/news/world/third-slug" });
    // Back to an old URL: it is the story's URL again, not a redirect to itself.
    await saveStory(editor, id, input({ slug: "first-slug" }), revision++);
    ({ rules } = await loadPathRules());
    expect(rules.has("/news/us/first-slug")).toBe(false);
    expect(rules.get("/news/world/third-slug")).toEqual({ status: 301, location: "/news/us/first-slug" });
    expect(rules.get("/news/us/second-slug")).toEqual({ status: 301, location: "/news/us/first-slug" });
  });
});
