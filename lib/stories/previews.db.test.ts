import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createNewsroomUsers } from "@/lib/actions/testing";
import type { CurrentUser } from "@/lib/auth/users";
import { createStory } from "./commands";
import { createPreviewLink, resolvePreviewToken } from "./previews";
import { publishDueStories, publishStory, scheduleStory, unpublishStory } from "./workflow";

// Preview links across the workflow: a link leads to the story while it is unpublished work,
// to its public URL while published, and never again to a story that has been pulled.

let test: TestDatabase;
let editor: CurrentUser;
let sectionId = 0;
let authorId = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  ({ editor } = await createNewsroomUsers("previews", ["editor"]));
  sectionId = await createSection(test.db, "news", "News");
  authorId = await createAuthor(test.db, "Preview Author");
});

afterAll(async () => {
  await test.dispose();
});

const draft = async (headline: string) => (await createStory(editor, { headline, sectionId, authorIds: [authorId], body: documentOf("Text.") })).id;
const link = async (storyId: number) => (await createPreviewLink(editor, storyId)).path.replace("/preview/", "");
const resolve = async (token: string) => (await resolvePreviewToken(token)).kind;

describe("preview links", () => {
  it("end when a published story is pulled; a link made afterwards works", async () => {
    const id = await draft("Pulled after publication");
    const old = await link(id);
    expect(await resolve(old)).toBe("preview");
    await publishStory(editor, id);
    expect(await resolve(old)).toBe("published");
    await unpublishStory(editor, id);
    expect(await resolve(old)).toBe("invalid");

    const fresh = await link(id);
    expect(await resolvePreviewToken(fresh)).toEqual({ kind: "preview", storyId: id });
    await publishStory(editor, id);
    await unpublishStory(editor, id);
    expect(await resolve(fresh)).toBe("invalid");
    expect(await resolve(old)).toBe("invalid");
  });

  it("made while the story is published, end when it is pulled too", async () => {
    const id = await draft("Shared while published");
    await publishStory(editor, id);
    const during = await link(id);
    await unpublishStory(editor, id);
    expect(await resolve(during)).toBe("invalid");
  });

  it("end when a story the sweeper published is pulled", async () => {
    const id = await draft("Published on schedule");
    const old = await link(id);
    await scheduleStory(editor, id, new Date(Date.now() + 3_600_000));
    await test.db.update(stories).set({ scheduledAt: new Date(Date.now() - 1000) }).where(eq(stories.id, id));
    expect(await publishDueStories()).toContain(id);
    await unpublishStory(editor, id);
    expect(await resolve(old)).toBe("invalid");
  });

  it("keep working when a schedule is cancelled: the story was never public", async () => {
    const id = await draft("Schedule cancelled");
    const token = await link(id);
    await scheduleStory(editor, id, new Date(Date.now() + 3_600_000));
    await unpublishStory(editor, id);
    expect(await resolve(token)).toBe("preview");
  });
});
