import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthor, createSection, documentOf } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError } from "@/lib/errors";
import { createStory, saveStory } from "./commands";
import { getStoryForEditing } from "./editor-queries";
import { compareRevisions, diffLines, listRevisions, restoreRevision } from "./revisions";

let test: TestDatabase;
let editor: CurrentUser;
let base: Record<string, unknown>;

beforeAll(async () => {
  test = await createTestDatabase();
  await createSection(test.db, "news", "News");
  const sectionId = await createSection(test.db, "news/us", "U.S.");
  const authorId = await createAuthor(test.db, "Sam Writer");
  const user = await createUser({ email: "e@test.test", name: "Eve Editor", role: "editor", password: "a-long-test-password" });
  editor = { id: user.id, email: user.email, name: user.name, role: user.role };
  base = { headline: "First headline", sectionId, authorIds: [authorId], slug: "revised-story", tags: ["One"] };
});

afterAll(async () => {
  await test.dispose();
});

describe("diffLines", () => {
  it("marks added and removed paragraphs around the unchanged ones", () => {
    expect(diffLines("a\nb\nc", "a\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });
});

describe("revisions", () => {
  it("keeps one per save, compares two and restores one as a new revision", async () => {
    const { id } = await createStory(editor, { ...base, body: documentOf("Paragraph one.", "Paragraph two.") });
    await saveStory(editor, id, { ...base, headline: "Second headline", tags: ["One", "Two"], body: documentOf("Paragraph one.", "Paragraph three.") }, 1);
    expect((await listRevisions(id)).map((r) => r.revision)).toEqual([2, 1]);

    const comparison = await compareRevisions(id, 1, 2);
    expect(comparison.fields.map((f) => f.field)).toEqual(["headline", "tags"]);
    expect(comparison.body).toEqual([
      { kind: "same", text: "Paragraph one." },
      { kind: "removed", text: "Paragraph two." },
      { kind: "added", text: "Paragraph three." },
    ]);

    await expect(restoreRevision(editor, id, 1, 1)).rejects.toBeInstanceOf(ConflictError);
    const restored = await restoreRevision(editor, id, 1, 2);
    expect(restored.revision).toBe(3);
    const story = await getStoryForEditing(id);
    expect(story).toMatchObject({ headline: "First headline", tags: ["One"], revision: 3 });
    expect((await listRevisions(id)).map((r) => r.revision)).toEqual([3, 2, 1]);
  });
});
