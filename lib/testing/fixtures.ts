import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/users";
import { authors, sections, stories, storyAuthors, type NewStory } from "@/db/schema";
import { paragraph, type StoryDocument } from "@/lib/stories/document";
import { refreshSearchVectors } from "@/lib/stories/search-vector";

// Small builders for tests and end-to-end fixtures: each creates exactly what a test needs. They
// build story bodies with the stories domain, so they live above db/, not in it.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A created user as the commands take them: only the fields of CurrentUser, nothing more. */
export const asCurrent = (user: { id: number; email: string; name: string; role: CurrentUser["role"] }): CurrentUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
});

export async function createSection(db: Db, path: string, name: string, sortOrder = 0): Promise<number> {
  const parts = path.split("/");
  const parentPath = parts.slice(0, -1).join("/");
  let parentId: number | null = null;
  if (parentPath) {
    const [parent] = await db.select({ id: sections.id }).from(sections).where(eq(sections.path, parentPath));
    if (!parent) throw new Error(`Create section ${parentPath} before ${path}`);
    parentId = parent.id;
  }
  const [row] = await db
    .insert(sections)
    .values({ path, slug: parts.at(-1)!, name, parentId, sortOrder, description: `About ${name}.` })
    .returning({ id: sections.id });
  return row!.id;
}

export async function createAuthor(db: Db, name: string): Promise<number> {
  const [row] = await db
    .insert(authors)
    .values({ name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${unique()}` })
    .returning({ id: authors.id });
  return row!.id;
}

export function documentOf(...paragraphs: string[]): StoryDocument {
  return { type: "doc", content: paragraphs.map(paragraph) };
}

export async function createStory(
  db: Db,
  values: Partial<NewStory> & { sectionId: number },
  options: { authorIds?: number[] } = {},
): Promise<{ id: number; slug: string }> {
  const slug = values.slug ?? `story-${unique()}`;
  const [row] = await db
    .insert(stories)
    .values({
      headline: `Headline of ${slug}`,
      deck: `Deck of ${slug}.`,
      body: documentOf(`First paragraph of ${slug}.`),
      status: "published",
      publishedAt: new Date(Date.now() - 60_000),
      ...values,
      slug,
    })
    .returning({ id: stories.id, slug: stories.slug });
  for (const [position, authorId] of (options.authorIds ?? []).entries()) {
    await db.insert(storyAuthors).values({ storyId: row!.id, authorId, position });
  }
  await refreshSearchVectors(db, eq(stories.id, row!.id));
  return row!;
}
