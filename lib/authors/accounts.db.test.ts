import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { authors, storyAuthors } from "@/db/schema";
import { addPerson } from "@/lib/auth/people";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ValidationError } from "@/lib/errors";
import { createStory } from "@/lib/stories/commands";
import { asCurrent, createSection, documentOf } from "@/lib/testing/fixtures";
import { createAuthor } from "./commands";
import { ensureOwnAuthorProfile, firstFreeSlug, ownAuthorId } from "./accounts";

let test: TestDatabase;
let admin: CurrentUser;
let sectionId: number;

const profileOf = async (userId: number) => (await test.db.select().from(authors).where(eq(authors.userId, userId)))[0];
const person = (name: string, email: string) => ({ name, email, role: "writer" as const, password: "a-long-test-password" });

beforeAll(async () => {
  test = await createTestDatabase();
  admin = asCurrent(await createUser({ email: "admin@test.test", name: "Ada Admin", role: "admin", password: "a-long-test-password" }));
  sectionId = await createSection(test.db, "news", "News");
});

afterAll(async () => {
  await test.dispose();
});

describe("a staff account's own profile", () => {
  it("is made with the account, under its name, linked to it", async () => {
    const sam = await addPerson(admin, person("Sam Lee", "sam@test.test"), "127.0.0.1");
    expect(await profileOf(sam.id)).toMatchObject({ name: "Sam Lee", slug: "sam-lee", userId: sam.id, bio: "", photoMediaId: null });
  });

  it("gets a slug of its own when names clash, with each other or with a contributor", async () => {
    await createAuthor(admin, { name: "Sam Lee (contributor)", slug: "sam-lee-3" });
    const second = await addPerson(admin, person("Sam Lee", "sam2@test.test"), "127.0.0.1");
    const third = await addPerson(admin, person("Sam Lee", "sam3@test.test"), "127.0.0.1");
    expect((await profileOf(second.id))?.slug).toBe("sam-lee-2");
    expect((await profileOf(third.id))?.slug).toBe("sam-lee-4");
  });

  it("falls back to 'author' for a name without Latin letters or digits", async () => {
    const noLatin = await addPerson(admin, person("李雷", "li@test.test"), "127.0.0.1");
    expect((await profileOf(noLatin.id))?.slug).toBe("author");
    const again = await addPerson(admin, person("王芳", "wang@test.test"), "127.0.0.1");
    expect((await profileOf(again.id))?.slug).toBe("author-2");
  });

  it("is made once: asking again returns the same profile", async () => {
    const [row] = await test.db.select({ id: authors.id, userId: authors.userId }).from(authors).where(eq(authors.slug, "sam-lee"));
    expect(await ensureOwnAuthorProfile({ id: row!.userId!, name: "Sam Lee" }, test.db)).toBe(row!.id);
    expect(await ownAuthorId(row!.userId!, test.db)).toBe(row!.id);
  });
});

describe("firstFreeSlug", () => {
  it.each([
    ["kim", [], "kim"],
    ["kim", ["kim"], "kim-2"],
    ["kim", ["kim", "kim-2", "kim-3"], "kim-4"],
    ["a".repeat(60), ["a".repeat(60)], `${"a".repeat(58)}-2`],
  ])("%s taken %j → %s", (base, taken, expected) => {
    expect(firstFreeSlug(base, new Set(taken))).toBe(expected);
  });
});

describe("a new story's default byline", () => {
  it("is its writer's own profile when the story names none", async () => {
    const writer = await addPerson(admin, person("Noor Haddad", "noor@test.test"), "127.0.0.1");
    const own = await ownAuthorId(writer.id, test.db);
    const story = await createStory(asCurrent(writer), { headline: "River levels fall", sectionId, body: documentOf("The river fell.") });
    const bylines = await test.db.select({ authorId: storyAuthors.authorId }).from(storyAuthors).where(eq(storyAuthors.storyId, story.id));
    expect(bylines).toEqual([{ authorId: own }]);
  });

  it("is not added to bylines chosen by hand, and an empty list is refused", async () => {
    const writer = await addPerson(admin, person("Ola Berg", "ola@test.test"), "127.0.0.1");
    const other = await createAuthor(admin, { name: "Guest Writer" });
    const story = await createStory(asCurrent(writer), { headline: "Guest column", sectionId, authorIds: [other.id], body: documentOf("Text.") });
    const bylines = await test.db.select({ authorId: storyAuthors.authorId }).from(storyAuthors).where(eq(storyAuthors.storyId, story.id));
    expect(bylines).toEqual([{ authorId: other.id }]);
    await expect(createStory(asCurrent(writer), { headline: "No byline", sectionId, authorIds: [], body: documentOf("Text.") })).rejects.toBeInstanceOf(ValidationError);
  });
});
