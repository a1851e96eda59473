import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authors, media, storyTags, tags } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { getPublishedAuthor } from "@/lib/authors/queries";
import { getPublishedTag } from "@/lib/tags/queries";
import { createAuthor, createSection, createStory } from "@/lib/testing/fixtures";
import { isPublishedStoryInList, listPublishedStories } from "./queries";

// Tag and author pages: only published stories are listed, newest first, paginated by keyset; a
// tag or author with nothing published has no page.

let test: TestDatabase;
let climate: number;
let onlyDrafts: number;
let writer: number;
let draftWriter: number;
let writerSlug: string;
let draftWriterSlug: string;
/** The writer's published stories with the climate tag, oldest first. */
const listed: number[] = [];
const hidden: number[] = [];

async function tag(db: TestDatabase["db"], slug: string, name: string) {
  const [row] = await db.insert(tags).values({ slug, name }).returning({ id: tags.id });
  return row!.id;
}

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  const section = await createSection(db, "science", "Science");
  climate = await tag(db, "climate", "Climate");
  onlyDrafts = await tag(db, "secret-plans", "Secret plans");
  writer = await createAuthor(db, "Ada Writer");
  draftWriter = await createAuthor(db, "Drafty Writer");
  const [photo] = await db
    .insert(media)
    .values({ storageKey: "2026/01/0123456789abcdef0123456789abcdef.jpg", mimeType: "image/jpeg", width: 800, height: 800, bytes: 1000, alt: "Ada at her desk" })
    .returning({ id: media.id });
  const links = [
    { label: "Site", url: "https://ada.example.org/" },
    { label: "Sneaky", url: "javascript:alert(1)" },
  ];
  const [row] = await db.update(authors).set({ photoMediaId: photo!.id, links, bio: "Writes about weather." }).where(eq(authors.id, writer)).returning({ slug: authors.slug });
  writerSlug = row!.slug;
  draftWriterSlug = (await db.select({ slug: authors.slug }).from(authors).where(eq(authors.id, draftWriter)))[0]!.slug;

  const base = Date.UTC(2026, 5, 1, 12);
  for (let i = 0; i < 7; i++) {
    // Two share a time: the id breaks the tie.
    const publishedAt = new Date(base + (i === 6 ? 5 : i) * 3_600_000);
    const { id } = await createStory(db, { sectionId: section, publishedAt }, { authorIds: [writer] });
    await db.insert(storyTags).values({ storyId: id, tagId: climate });
    listed.push(id);
  }
  const never = [
    { status: "draft" as const, publishedAt: null },
    { status: "scheduled" as const, publishedAt: new Date(Date.now() + 86_400_000) },
    { status: "unpublished" as const },
    // Embargoed: published with a time still ahead.
    { status: "published" as const, publishedAt: new Date(Date.now() + 86_400_000) },
  ];
  for (const values of never) {
    const { id } = await createStory(db, { sectionId: section, ...values }, { authorIds: [writer, draftWriter] });
    await db.insert(storyTags).values([
      { storyId: id, tagId: climate },
      { storyId: id, tagId: onlyDrafts },
    ]);
    hidden.push(id);
  }
  // Another author's published story without the tag: in neither list.
  await createStory(db, { sectionId: section, publishedAt: new Date(base) }, { authorIds: [await createAuthor(db, "Other")] });
});

afterAll(async () => {
  await test.dispose();
});

describe.each([
  ["a tag", () => ({ tagId: climate })],
  ["an author", () => ({ authorId: writer })],
])("the stories of %s", (_, filterOf) => {
  it("lists its published stories only, newest first, page by page", async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listPublishedStories({ ...filterOf(), before, limit: 3 }, test.db);
      seen.push(...page.stories.map((story) => story.id));
      if (page.nextCursor === null) break;
      before = page.nextCursor;
    }
    // Newest first; of the two published at the same time, the higher id first.
    const [first, second, third, fourth, fifth, sixth, seventh] = listed as [number, number, number, number, number, number, number];
    expect(seen).toEqual([seventh, sixth, fifth, fourth, third, second, first]);
  });

  it("takes only its own published stories as a cursor", async () => {
    expect(await isPublishedStoryInList(listed[3]!, filterOf(), test.db)).toBe(true);
    for (const id of hidden) expect(await isPublishedStoryInList(id, filterOf(), test.db)).toBe(false);
    expect(await isPublishedStoryInList(999_999, filterOf(), test.db)).toBe(false);
  });
});

describe("tag and author pages exist only with something published", () => {
  it("finds a tag with a published story, not one on hidden stories alone, nor an unknown slug", async () => {
    expect(await getPublishedTag("climate", test.db)).toEqual({ id: climate, slug: "climate", name: "Climate" });
    expect(await getPublishedTag("secret-plans", test.db)).toBeNull();
    expect(await getPublishedTag("no-such-tag", test.db)).toBeNull();
  });

  it("finds an author with their photo and valid links, not one of hidden stories alone", async () => {
    const author = await getPublishedAuthor(writerSlug, test.db);
    expect(author).toMatchObject({
      id: writer,
      name: "Ada Writer",
      bio: "Writes about weather.",
      photo: { src: "/media/2026/01/0123456789abcdef0123456789abcdef.jpg", width: 800, height: 800, alt: "Ada at her desk" },
      links: [{ label: "Site", url: "https://ada.example.org/" }],
    });
    expect(await getPublishedAuthor(draftWriterSlug, test.db)).toBeNull();
    expect(await getPublishedAuthor("no-such-author", test.db)).toBeNull();
  });
});
