import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { auditLog, comments, corrections, previewLinks, redirects, relatedStories, stories, storyAuthors, storyRevisions, storyTags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { loadPathRules } from "@/lib/routing/path-rules";
import { createStory, saveStory } from "./commands";
import { getStoryForEditing, listStoriesForDashboard, searchStoriesForPicker } from "./editor-queries";
import { createPreviewLink, resolvePreviewToken } from "./previews";
import { sweepStories } from "./sweeper";
import { listTrash, purgeStory, restoreStory, TRASH_DAYS, trashStory } from "./trash";
import { publishStory, scheduleStory, unpublishStory } from "./workflow";

let test: TestDatabase;
let editor: CurrentUser;
let writer: CurrentUser;
let otherWriter: CurrentUser;
let us: number;
let authorId: number;
let counter = 0;

const DAY = 24 * 60 * 60 * 1000;

async function newStory(actor: CurrentUser, headline = "Trash candidate") {
  counter += 1;
  return createStory(actor, {
    headline: `${headline} ${counter}`,
    sectionId: us,
    authorIds: [authorId],
    tags: ["Harbor"],
    body: documentOf("A paragraph."),
  });
}

const rowOf = async (id: number) => (await test.db.select().from(stories).where(eq(stories.id, id)))[0];
const auditOf = (action: string, id: number) =>
  test.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(id))));

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  us = await createSection(test.db, "news/us", "U.S.");
  authorId = await createAuthor(test.db, "Pat Reporter");
  const password = "a-long-test-password";
  editor = asCurrent(await createUser({ email: "editor@trash.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@trash.test", name: "Wren Writer", role: "writer", password }));
  otherWriter = asCurrent(await createUser({ email: "other@trash.test", name: "Otto Other", role: "writer", password }));
});

afterAll(async () => {
  await test.dispose();
});

describe("moving a story to the trash", () => {
  it("takes a writer's own draft out of every list and picker, with who and when, and audits it", async () => {
    const { id } = await newStory(writer, "Unfinished harbor draft");
    const trashed = await trashStory(writer, id);
    expect(trashed).toMatchObject({ status: "draft", trashedById: writer.id });
    expect(trashed.trashedAt).toBeInstanceOf(Date);

    const dashboard = await listStoriesForDashboard(editor, { limit: 100 });
    expect(dashboard.rows.map((row) => row.id)).not.toContain(id);
    expect((await searchStoriesForPicker(editor, "unfinished harbor", null)).map((row) => row.id)).not.toContain(id);
    const trash = (await listTrash(editor)).items;
    expect(trash.find((row) => row.id === id)).toMatchObject({ trashedByName: "Wren Writer", status: "draft" });
    expect(trash.find((row) => row.id === id)!.purgeAt.getTime() - trashed.trashedAt!.getTime()).toBe(TRASH_DAYS * DAY);
    expect(await auditOf("story.trash", id)).toHaveLength(1);
  });

  it("lets writers trash only their own drafts, and shows them only their own trash", async () => {
    const { id } = await newStory(writer);
    await expect(trashStory(otherWriter, id)).rejects.toBeInstanceOf(ForbiddenError);
    const published = await newStory(editor);
    await publishStory(editor, published.id);
    await unpublishStory(editor, published.id);
    // Once readers met it, it is an editor's decision.
    const pulledByWriter = await newStory(writer);
    await publishStory(editor, pulledByWriter.id);
    await unpublishStory(editor, pulledByWriter.id);
    await expect(trashStory(writer, pulledByWriter.id)).rejects.toBeInstanceOf(ForbiddenError);

    await trashStory(writer, id);
    await trashStory(editor, published.id);
    const writersTrash = (await listTrash(writer)).items.map((row) => row.id);
    expect(writersTrash).toContain(id);
    expect(writersTrash).not.toContain(published.id);
    expect((await listTrash(otherWriter)).items.map((row) => row.id)).not.toContain(id);
  });

  it("pages the trash by keyset, last trashed first, each story once, however many share a moment", async () => {
    const ids: number[] = [];
    for (let n = 0; n < 5; n++) ids.push((await newStory(editor, `Paged trash ${n}`)).id);
    for (const id of ids) await trashStory(editor, id);
    // Two trashed in the same instant: the id breaks the tie.
    await test.db.update(stories).set({ trashedAt: new Date() }).where(inArray(stories.id, ids.slice(3)));
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listTrash(editor, { before, limit: 2 });
      seen.push(...page.items.map((row) => row.id));
      if (page.nextCursor === null) break;
      expect(page.items).toHaveLength(2);
      before = page.nextCursor;
    }
    const mine = seen.filter((id) => ids.includes(id));
    expect(mine).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses a published story until it is unpublished, and keeps its 410", async () => {
    const { id, slug } = await newStory(editor);
    await publishStory(editor, id);
    const refusal = trashStory(editor, id);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toThrow("Unpublish this story before moving it to the trash.");
    expect((await rowOf(id))!.trashedAt).toBeNull();

    await unpublishStory(editor, id);
    await trashStory(editor, id);
    expect((await loadPathRules(test.db)).rules.get(`/news/us/${slug}`)).toEqual({ status: 410 });
  });

  it("cancels a schedule: the sweeper never publishes a story in the trash", async () => {
    const { id } = await newStory(editor);
    await scheduleStory(editor, id, new Date(Date.now() + 60_000));
    const trashed = await trashStory(editor, id);
    expect(trashed).toMatchObject({ status: "draft", scheduledAt: null });
    const [entry] = await auditOf("story.trash", id);
    expect(entry!.details).toMatchObject({ scheduleCancelled: true });
    expect((await sweepStories(new Date(), test.db)).published).not.toContain(id);
  });

  it("refuses saves, workflow steps and preview links of a story in the trash", async () => {
    const { id, revision } = await newStory(editor);
    const { path } = await createPreviewLink(editor, id);
    await trashStory(editor, id);
    await expect(saveStory(editor, id, { headline: "Edited", sectionId: us, authorIds: [authorId], body: documentOf("x") }, revision)).rejects.toThrow(
      "This story is in the trash. Restore it first.",
    );
    await expect(publishStory(editor, id)).rejects.toBeInstanceOf(ConflictError);
    expect(await resolvePreviewToken(path.slice("/preview/".length))).toEqual({ kind: "invalid" });
    await expect(trashStory(editor, id)).rejects.toThrow("already in the trash");
  });
});

describe("restoring", () => {
  it("brings the story back in the state it had, unpublished, and audits it", async () => {
    const { id } = await newStory(writer);
    await trashStory(editor, id);
    // A writer may restore their own draft, even one an editor trashed.
    const restored = await restoreStory(writer, id);
    expect(restored).toMatchObject({ status: "draft", trashedAt: null, trashedById: null });
    expect((await listStoriesForDashboard(editor, { limit: 100 })).rows.map((row) => row.id)).toContain(id);
    expect(await auditOf("story.restore", id)).toHaveLength(1);
    await expect(restoreStory(writer, id)).rejects.toThrow("This story is not in the trash.");
  });

  it("keeps a pulled story pulled", async () => {
    const { id } = await newStory(editor);
    await publishStory(editor, id);
    await unpublishStory(editor, id);
    await trashStory(editor, id);
    expect(await restoreStory(editor, id)).toMatchObject({ status: "unpublished" });
    expect((await getStoryForEditing(id))!.trashedAt).toBeNull();
  });
});

describe("purging", () => {
  it("the sweeper deletes stories 30 days in the trash with everything hanging off them, leaves a 410 where readers met them", async () => {
    const old = await newStory(editor, "Old pulled story");
    await publishStory(editor, old.id);
    const other = await newStory(editor, "Story relating to it");
    await test.db.insert(relatedStories).values({ storyId: other.id, relatedId: old.id });
    await test.db.insert(corrections).values({ storyId: old.id, note: "A fix." });
    await test.db.insert(comments).values({ storyId: old.id, authorName: "Reader", body: "Hello", status: "approved" });
    // Its slug changed once: the old address is a redirect, and must end as a 410 too.
    const current = (await getStoryForEditing(old.id))!;
    await saveStory(editor, old.id, { headline: current.headline, slug: `${current.slug}-moved`, sectionId: us, authorIds: [authorId], body: documentOf("A paragraph.") }, current.revision);
    await unpublishStory(editor, old.id);
    const trashedAt = (await trashStory(editor, old.id)).trashedAt!;
    const fresh = await newStory(writer, "Recently trashed");
    await trashStory(writer, fresh.id);
    // Trashed two days after the other.
    await test.db.update(stories).set({ trashedAt: new Date(trashedAt.getTime() + 2 * DAY) }).where(eq(stories.id, fresh.id));

    const dayBefore = await sweepStories(new Date(trashedAt.getTime() + (TRASH_DAYS - 1) * DAY), test.db);
    expect(dayBefore.purged).not.toContain(old.id);
    expect(await rowOf(old.id)).toBeDefined();

    const after = await sweepStories(new Date(trashedAt.getTime() + TRASH_DAYS * DAY + 1000), test.db);
    expect(after.purged).toContain(old.id);
    expect(after.purged).not.toContain(fresh.id);
    expect(await rowOf(old.id)).toBeUndefined();
    for (const table of [storyAuthors, storyTags, storyRevisions, corrections, comments, previewLinks]) {
      expect(await test.db.select().from(table).where(eq(table.storyId, old.id))).toEqual([]);
    }
    expect(await test.db.select().from(relatedStories).where(eq(relatedStories.relatedId, old.id))).toEqual([]);
    const rules = (await loadPathRules(test.db)).rules;
    expect(rules.get(`/news/us/${current.slug}`)).toEqual({ status: 410 });
    expect(rules.get(`/news/us/${current.slug}-moved`)).toEqual({ status: 410 });
    const [entry] = await auditOf("story.purge", old.id);
    expect(entry).toMatchObject({ actorId: null, details: { slug: `${current.slug}-moved` } });

    // A new story may take the address again: the 410 gives way.
    const again = await createStory(editor, { headline: "Taking the address", slug: `${current.slug}-moved`, sectionId: us, authorIds: [authorId], body: documentOf("New.") });
    expect((await loadPathRules(test.db)).rules.get(`/news/us/${again.slug}`)).toBeUndefined();
    expect(await test.db.select().from(redirects).where(eq(redirects.fromPath, `/news/us/${again.slug}`))).toEqual([]);
  });

  it("a never-published draft leaves no rule behind, and editors may delete one for good at once", async () => {
    const { id, slug } = await newStory(writer);
    await expect(purgeStory(editor, id)).rejects.toThrow("Only a story in the trash can be deleted for good.");
    await trashStory(writer, id);
    await expect(purgeStory(writer, id)).rejects.toBeInstanceOf(ForbiddenError);
    await purgeStory(editor, id);
    expect(await rowOf(id)).toBeUndefined();
    expect((await loadPathRules(test.db)).rules.get(`/news/us/${slug}`)).toBeUndefined();
    expect(await auditOf("story.purge", id)).toMatchObject([{ actorId: editor.id }]);
  });
});
