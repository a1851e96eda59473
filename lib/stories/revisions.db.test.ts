import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authors, storyAuthors } from "@/db/schema";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError } from "@/lib/errors";
import { createStory, saveStory } from "./commands";
import { getStoryForEditing } from "./editor-queries";
import { compareRevisions, listRevisions, restoreRevision } from "./revisions";

let test: TestDatabase;
let editor: CurrentUser;
let base: Record<string, unknown>;
let sportId: number;

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  const sectionId = await createSection(test.db, "news/us", "U.S.");
  const authorId = await createAuthor(test.db, "Sam Writer");
  sportId = await createSection(test.db, "sport", "Sport");
  const user = await createUser({ email: "e@test.test", name: "Eve Editor", role: "editor", password: "a-long-test-password" });
  editor = { id: user.id, email: user.email, name: user.name, role: user.role };
  base = { headline: "First headline", sectionId, authorIds: [authorId], slug: "revised-story", tags: ["One"] };
});

afterAll(async () => {
  await test.dispose();
});

describe("revisions", () => {
  it("shows sections, bylines and related stories by name, a deleted one by its id", async () => {
    const related = await createStory(editor, { ...base, slug: "harbor-vote", headline: "Council votes on the harbor", body: documentOf("Vote.") });
    const { id } = await createStory(editor, { ...base, slug: "named-story", body: documentOf("Before.") });
    const secondAuthor = await createAuthor(test.db, "Ann Other");
    const body = { type: "doc", content: [...documentOf("Before.").content, { type: "relatedStory", attrs: { storyId: related.id } }] };
    await saveStory(editor, id, { ...base, slug: "named-story", sectionId: sportId, authorIds: [secondAuthor], relatedIds: [related.id], body }, 1);
    await test.db.delete(storyAuthors).where(eq(storyAuthors.authorId, secondAuthor));
    await test.db.delete(authors).where(eq(authors.id, secondAuthor));

    const { fields, body: lines } = await compareRevisions(id, 1, 2);
    expect(fields).toEqual([
      { field: "sectionId", label: "Section", kind: "value", before: "U.S. (/news/us)", after: "Sport (/sport)" },
      { field: "authorIds", label: "Bylines", kind: "list", added: [`(deleted author #${secondAuthor})`], removed: ["Sam Writer"] },
      { field: "relatedIds", label: "Related stories", kind: "list", added: ["Council votes on the harbor"], removed: [] },
    ]);
    expect(lines.at(-1)).toEqual({ kind: "related", change: "added", segments: [{ change: "added", text: "Related: Council votes on the harbor" }] });
  });

  it("keeps one per save, compares two and restores one as a new revision", async () => {
    const { id } = await createStory(editor, { ...base, body: documentOf("Paragraph one.", "Paragraph two.") });
    await saveStory(editor, id, { ...base, headline: "Second headline", tags: ["One", "Two"], body: documentOf("Paragraph one.", "Paragraph three.") }, 1);
    expect((await listRevisions(id)).map((r) => r.revision)).toEqual([2, 1]);

    const comparison = await compareRevisions(id, 1, 2);
    expect(comparison.fields.map((f) => f.label)).toEqual(["Headline", "Tags"]);
    expect(comparison.body.map((line) => [line.change, line.segments.map((s) => `${s.change}:${s.text}`)])).toEqual([
      ["same", ["same:Paragraph one."]],
      ["changed", ["same:Paragraph ", "removed:two", "added:three", "same:."]],
    ]);

    await expect(restoreRevision(editor, id, 1, 1)).rejects.toBeInstanceOf(ConflictError);
    const restored = await restoreRevision(editor, id, 1, 2);
    expect(restored.revision).toBe(3);
    const story = await getStoryForEditing(id);
    expect(story).toMatchObject({ headline: "First headline", tags: ["One"], revision: 3 });
    expect((await listRevisions(id)).map((r) => r.revision)).toEqual([3, 2, 1]);
  });
});
