import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { auditLog, authors, media } from "@/db/schema";
import { createUser, type CurrentUser } from "@/lib/auth/users";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { asCurrent, createSection, createStory } from "@/lib/testing/fixtures";
import { createAuthor, updateAuthor } from "./commands";
import { getAuthorForEditing, listAuthorsForNewsroom } from "./newsroom-queries";
import { getPublishedAuthor } from "./queries";
import { loadPathRules } from "@/lib/routing/path-rules";

const spies = vi.hoisted(() => ({ invalidate: vi.fn(), invalidateStory: vi.fn() }));
vi.mock("@/lib/cache/invalidate", () => spies);

let test: TestDatabase;
let admin: CurrentUser;
let editor: CurrentUser;
let writer: CurrentUser;
let photoId: number;
let sectionId: number;

const authorCount = async () => (await test.db.select({ n: count() }).from(authors))[0]!.n;

beforeAll(async () => {
  test = await createTestDatabase();
  const password = "a-long-test-password";
  admin = asCurrent(await createUser({ email: "admin@test.test", name: "Ada Admin", role: "admin", password }));
  editor = asCurrent(await createUser({ email: "editor@test.test", name: "Eddie Editor", role: "editor", password }));
  writer = asCurrent(await createUser({ email: "writer@test.test", name: "Wren Writer", role: "writer", password }));
  const [photo] = await test.db
    .insert(media)
    .values({ storageKey: "2026/12/portrait.jpg", mimeType: "image/jpeg", width: 800, height: 800, bytes: 1000, alt: "A portrait" })
    .returning({ id: media.id });
  photoId = photo!.id;
  sectionId = await createSection(test.db, "news", "News");
});

afterAll(async () => {
  await test.dispose();
});

beforeEach(() => {
  spies.invalidate.mockClear();
});

describe("creating an author", () => {
  it("an editor adds a contributor without an account: slug from the name, photo, bio and links; audited", async () => {
    const created = await createAuthor(editor, {
      name: "Renée Ortiz-Bell",
      slug: "",
      title: "Contributing writer",
      bio: "Writes about rivers.",
      photoMediaId: String(photoId),
      links: "Newsletter https://rivers.example.org/letter\nhttps://example.com/renee",
      userId: "",
    });
    expect(created.slug).toBe("renee-ortiz-bell");
    const profile = await getAuthorForEditing(created.id, test.db);
    expect(profile).toMatchObject({
      name: "Renée Ortiz-Bell",
      title: "Contributing writer",
      bio: "Writes about rivers.",
      userId: null,
      links: [
        { label: "Newsletter", url: "https://rivers.example.org/letter" },
        { label: "example.com", url: "https://example.com/renee" },
      ],
      photo: { id: photoId, alt: "A portrait" },
    });
    const [entry] = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "author.create"), eq(auditLog.targetId, String(created.id))));
    expect(entry).toMatchObject({ actorId: editor.id, details: { slug: "renee-ortiz-bell", userId: null } });
    // Nothing readers see changed: no story carries the new byline.
    expect(spies.invalidate).not.toHaveBeenCalled();
  });

  it("links a profile to a staff account, and lists it with the account", async () => {
    const created = await createAuthor(admin, { name: "Wren Writer", slug: "wren", userId: String(writer.id) });
    const listed = (await listAuthorsForNewsroom(test.db)).find((author) => author.id === created.id);
    expect(listed).toMatchObject({ slug: "wren", account: { id: writer.id, email: "writer@test.test" }, stories: 0 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an empty name", { name: "   " }, "name"],
    ["a name over 100 characters", { name: "x".repeat(101) }, "name"],
    ["a name without letters or digits and no slug", { name: "!!!" }, "slug"],
    ["a slug with capitals and spaces", { name: "Ok", slug: "Not A Slug" }, "slug"],
    ["a slug with double hyphens", { name: "Ok", slug: "a--b" }, "slug"],
    ["a slug over 60 characters", { name: "Ok", slug: "a".repeat(61) }, "slug"],
    ["a slug another author has", { name: "Someone Else", slug: "renee-ortiz-bell" }, "slug"],
    ["a javascript: link", { name: "Ok", links: "Site javascript:alert(1)" }, "links"],
    ["a link without a scheme", { name: "Ok", links: "Site example.org" }, "links"],
    ["eleven links", { name: "Ok", links: Array.from({ length: 11 }, (_, i) => `L${i} https://example.org/${i}`).join("\n") }, "links"],
    ["a bio over 600 characters", { name: "Ok", bio: "b".repeat(601) }, "bio"],
    ["a photo that is not in the library", { name: "Ok", photoMediaId: "999999" }, "photoMediaId"],
    ["a photo id that is not a number", { name: "Ok", photoMediaId: "1e3" }, "photoMediaId"],
    ["an account that does not exist", { name: "Ok", userId: "999999" }, "userId"],
    ["an account that has a profile already", { name: "Ok", userId: "WRITER" }, "userId"],
  ])("refuses %s, next to the field, writing nothing", async (_, fields, field) => {
    const before = await authorCount();
    const input = { ...fields, ...(fields.userId === "WRITER" && { userId: String(writer.id) }) };
    const refusal = createAuthor(editor, input);
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toSatisfy((error: ValidationError) => Boolean(error.fieldErrors?.[field]));
    expect(await authorCount()).toBe(before);
  });

  it("refuses a writer", async () => {
    const before = await authorCount();
    await expect(createAuthor(writer, { name: "Sneaky Byline" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await authorCount()).toBe(before);
  });
});

describe("editing an author", () => {
  it("changes the profile and refreshes the author page (old and new address) and each article with the byline", async () => {
    const { id } = await createAuthor(editor, { name: "Pat Quill", title: "Reporter" });
    const story = await createStory(test.db, { sectionId }, { authorIds: [id] });
    const other = await createStory(test.db, { sectionId }, { authorIds: [id] });
    expect((await getPublishedAuthor("pat-quill", test.db))?.bio).toBe("");

    await updateAuthor(editor, id, { name: "Pat Quill", slug: "pat-quill-reports", title: "Reporter", bio: "Covers the courts.", photoMediaId: String(photoId), links: "" });

    const page = await getPublishedAuthor("pat-quill-reports", test.db);
    expect(page).toMatchObject({ name: "Pat Quill", bio: "Covers the courts.", photo: { alt: "A portrait" } });
    expect(await getPublishedAuthor("pat-quill", test.db)).toBeNull();
    expect(spies.invalidate).toHaveBeenCalledTimes(1);
    const { tags, paths } = spies.invalidate.mock.calls[0]![0] as { tags: string[]; paths: string[] };
    expect(tags).toEqual(expect.arrayContaining(["story-lists", `story:${story.id}`, `story:${other.id}`]));
    expect(paths).toEqual(expect.arrayContaining(["/authors/pat-quill", "/authors/pat-quill-reports", "/authors/pat-quill-reports/feed.xml"]));
    const [entry] = await test.db.select().from(auditLog).where(and(eq(auditLog.action, "author.update"), eq(auditLog.targetId, String(id))));
    expect(entry).toMatchObject({ actorId: editor.id, details: { from: "pat-quill", to: "pat-quill-reports" } });
  });

  it("keeps the old addresses of a renamed author: page and feed answer 301 to the current ones in one hop, until another author takes them", async () => {
    const { id } = await createAuthor(editor, { name: "Iris Vale" });
    await updateAuthor(editor, id, { name: "Iris Vale", slug: "iris-vale-2" });
    await updateAuthor(editor, id, { name: "Iris Vale", slug: "iris-vale-3" });

    const { rules } = await loadPathRules(test.db);
    for (const old of ["/authors/iris-vale", "/authors/iris-vale-2"]) {
      expect(rules.get(old)).toEqual({ status: 301, location: "/authors/iris-vale-3" });
      expect(rules.get(`${old}/feed.xml`)).toEqual({ status: 301, location: "/authors/iris-vale-3/feed.xml" });
    }
    expect(rules.has("/authors/iris-vale-3")).toBe(false);

    // A new profile at an old address, or the author going back to it: the page lives there again.
    await createAuthor(editor, { name: "Iris Vale", slug: "iris-vale" });
    await updateAuthor(editor, id, { name: "Iris Vale", slug: "iris-vale-2" });
    const after = (await loadPathRules(test.db)).rules;
    expect(after.has("/authors/iris-vale")).toBe(false);
    expect(after.has("/authors/iris-vale-2")).toBe(false);
    expect(after.get("/authors/iris-vale-3")).toEqual({ status: 301, location: "/authors/iris-vale-2" });
  });

  it("removes a photo and unlinks an account", async () => {
    const { id } = await createAuthor(admin, { name: "Linked Person", photoMediaId: String(photoId), userId: String(editor.id) });
    await updateAuthor(admin, id, { name: "Linked Person", slug: "linked-person", photoMediaId: "", userId: "" });
    expect(await getAuthorForEditing(id, test.db)).toMatchObject({ photo: null, userId: null });
  });

  it("keeps its own slug and account, but refuses another author's", async () => {
    const { id } = await createAuthor(editor, { name: "Kim Lark", userId: String(editor.id) });
    await expect(updateAuthor(editor, id, { name: "Kim Lark", slug: "kim-lark", userId: String(editor.id), bio: "Hello." })).resolves.toEqual({ slug: "kim-lark" });
    const refusal = updateAuthor(editor, id, { name: "Kim Lark", slug: "pat-quill-reports" });
    await expect(refusal).rejects.toSatisfy((error: ValidationError) => error.fieldErrors?.slug === "Another author already has this address");
    expect((await getAuthorForEditing(id, test.db))?.bio).toBe("Hello.");
  });

  it("answers not found for an author that does not exist, and refuses a writer", async () => {
    await expect(updateAuthor(editor, 999_999, { name: "Nobody" })).rejects.toBeInstanceOf(NotFoundError);
    const [anyone] = await test.db.select({ id: authors.id, name: authors.name }).from(authors).limit(1);
    await expect(updateAuthor(writer, anyone!.id, { name: "Renamed by a writer" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getAuthorForEditing(anyone!.id, test.db))?.name).toBe(anyone!.name);
  });
});
