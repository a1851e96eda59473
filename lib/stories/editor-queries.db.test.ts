import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, createStory, documentOf } from "@/lib/testing/fixtures";
import { stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { listStoriesForDashboard, searchStoriesForPicker } from "./editor-queries";
import { canViewStory } from "./permissions";

// What the newsroom's lists show each person: a writer sees their own stories and what readers
// can read, never another writer's unpublished headline; editors and admins see every story.
// A list and opening the story follow the same rule.

let test: TestDatabase;
let people: Record<"writer" | "editor", CurrentUser>;
let other: CurrentUser;

const hidden = ["Harbor draft of another writer", "Harbor story in review", "Harbor story scheduled", "Harbor story withdrawn", "Harbor story under embargo"];
const shown = ["Harbor story readers can read", "Harbor draft of my own", "Harbor story of my own in review"];

beforeAll(async () => {
  test = await createTestDatabase();
  people = await createNewsroomUsers("visibility", ["writer", "editor"]);
  other = (await createNewsroomUsers("visibility-other", ["writer"])).writer;
  const sectionId = await createSection(test.db, "news", "News");
  const theirs = { sectionId, createdById: other.id };
  const mine = { sectionId, createdById: people.writer.id };
  await createStory(test.db, { ...theirs, headline: hidden[0], status: "draft", publishedAt: null });
  await createStory(test.db, { ...theirs, headline: hidden[1], status: "review", publishedAt: null });
  await createStory(test.db, { ...theirs, headline: hidden[2], status: "scheduled", publishedAt: null, scheduledAt: new Date(Date.now() + 86_400_000) });
  await createStory(test.db, { ...theirs, headline: hidden[3], status: "unpublished", unpublishedAt: new Date() });
  await createStory(test.db, { ...theirs, headline: hidden[4], status: "published", publishedAt: new Date(Date.now() + 86_400_000) });
  await createStory(test.db, { ...theirs, headline: shown[0] });
  await createStory(test.db, { ...mine, headline: shown[1], status: "draft", publishedAt: null });
  await createStory(test.db, { ...mine, headline: shown[2], status: "review", publishedAt: null });
});

afterAll(async () => {
  await test.dispose();
});

const headlines = (rows: { headline: string }[]) => rows.map((row) => row.headline).sort();

describe("the dashboard", () => {
  it("shows a writer their own stories and published ones, nothing else", async () => {
    const { rows } = await listStoriesForDashboard(people.writer);
    expect(headlines(rows)).toEqual([...shown].sort());
  });

  it("keeps another writer's headlines out of every filter", async () => {
    for (const status of ["draft", "review", "scheduled", "unpublished"] as const) {
      const { rows } = await listStoriesForDashboard(people.writer, { status, q: "Harbor" });
      expect(headlines(rows).filter((headline) => hidden.includes(headline))).toEqual([]);
    }
    expect(headlines((await listStoriesForDashboard(people.writer, { createdById: other.id })).rows)).toEqual([shown[0]]);
  });

  it("shows an editor every story", async () => {
    const { rows } = await listStoriesForDashboard(people.editor);
    expect(headlines(rows)).toEqual([...hidden, ...shown].sort());
  });

  it("lists exactly the stories the person may open", async () => {
    const all = await test.db.select().from(stories);
    for (const person of [people.writer, people.editor, other]) {
      const listed = new Set((await listStoriesForDashboard(person)).rows.map((row) => row.id));
      for (const story of all) expect(listed.has(story.id), `${person.email}: ${story.headline}`).toBe(canViewStory(person, story));
    }
  });
});

describe("the related-story search", () => {
  it("finds a writer's own and published headlines only", async () => {
    expect(headlines(await searchStoriesForPicker(people.writer, "harbor", null))).toEqual([...shown].sort());
  });

  it("finds every headline for an editor", async () => {
    expect(await searchStoriesForPicker(people.editor, "harbor", null)).toHaveLength(hidden.length + shown.length);
  });

  it("matches the beginnings of words, every word typed, in any case, web-style; stop words and punctuation filter nothing", async () => {
    const found = async (q: string) => headlines(await searchStoriesForPicker(people.editor, q, null));
    expect(await found("HARB readers")).toEqual([shown[0]]);
    expect(await found("harbor draft my")).toEqual([hidden[0], shown[1]].sort());
    expect(await found("harbor draft -another")).toEqual([shown[1]]);
    expect(await found("story under embargo —")).toEqual([hidden[4]]);
    expect(await found("arbor")).toEqual([]);
    expect(await found("harbor nowhere")).toEqual([]);
    expect(await found("the of -")).toEqual([]);
  });

  it("finds a story by its deck, body and bylines, not only its headline (the story search index)", async () => {
    const sectionId = (await test.db.query.sections.findFirst())!.id;
    const author = await createAuthor(test.db, "Ottoline Brackenbury");
    await createStory(
      test.db,
      { sectionId, headline: "Quiet week", deck: "Nothing on the tides.", body: documentOf("The lamplighters struck at dawn.") },
      { authorIds: [author] },
    );
    const found = async (q: string) => headlines(await searchStoriesForPicker(people.editor, q, null));
    expect(await found("tides")).toEqual(["Quiet week"]);
    expect(await found("lamplight")).toEqual(["Quiet week"]);
    expect(await found("brackenbury")).toEqual(["Quiet week"]);
  });
});
