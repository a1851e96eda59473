import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCurrent, createSection as insertSection, createStory } from "@/lib/testing/fixtures";
import { auditLog, redirects, sections, stories } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { loadPathRules } from "@/lib/routing/path-rules";
import { deleteSection, updateSection } from "./commands";
import { getSectionTree } from "./queries";

let test: TestDatabase;
let admin: CurrentUser;
let editor: CurrentUser;

beforeAll(async () => {
  test = await createTestDatabase();
  const password = "a-long-test-password";
  admin = asCurrent(await createUser({ email: "admin@sections.test", name: "Ada Admin", role: "admin", password }));
  editor = asCurrent(await createUser({ email: "editor@sections.test", name: "Eddie Editor", role: "editor", password }));
});

afterAll(async () => {
  await test.dispose();
});

describe("deleting a section", () => {
  it("deletes an empty section with its old addresses, and audits it", async () => {
    const id = await insertSection(test.db, "weather", "Weather");
    await updateSection(admin, id, { name: "Weather", slug: "forecasts" });
    expect((await loadPathRules(test.db)).rules.get("/weather")).toEqual({ status: 301, location: "/forecasts" });

    await expect(deleteSection(editor, id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await deleteSection(admin, id)).toEqual({ path: "forecasts" });
    expect(await test.db.select().from(sections).where(eq(sections.id, id))).toEqual([]);
    expect(await test.db.select().from(redirects).where(eq(redirects.sectionId, id))).toEqual([]);
    expect((await loadPathRules(test.db)).rules.get("/weather")).toBeUndefined();
    expect(Object.keys((await getSectionTree(test.db)).byId)).not.toContain(String(id));
    const entries = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "section.delete"), eq(auditLog.targetId, String(id))));
    expect(entries).toMatchObject([{ actorId: admin.id, details: { path: "forecasts", name: "Weather" } }]);
    await expect(deleteSection(admin, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a section with subsections", async () => {
    const parent = await insertSection(test.db, "culture", "Culture");
    await insertSection(test.db, "culture/film", "Film");
    const refusal = deleteSection(admin, parent);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toThrow("Culture has subsections (Film): delete or move them first.");
    expect(await test.db.select().from(sections).where(eq(sections.id, parent))).toHaveLength(1);
  });

  it("refuses a section with stories, counting those in the trash", async () => {
    const id = await insertSection(test.db, "sport", "Sport");
    const story = await createStory(test.db, { sectionId: id, status: "draft", publishedAt: null, trashedAt: new Date() });
    await expect(deleteSection(admin, id)).rejects.toThrow(
      "Sport still has a story, counting any in the trash: move it to another section, or delete it from the trash, first.",
    );
    await createStory(test.db, { sectionId: id });
    await expect(deleteSection(admin, id)).rejects.toThrow("Sport still has 2 stories");
    await test.db.delete(stories).where(eq(stories.sectionId, id));
    await deleteSection(admin, id);
    expect(await test.db.select().from(stories).where(eq(stories.id, story.id))).toEqual([]);
  });
});
