import { and, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { authors, sections, stories, storyAuthors, users } from "@/db/schema";

// Reads for the newsroom: every status, not only what readers see.

export type StoryStatus = (typeof stories.status.enumValues)[number];
export const storyStatuses = stories.status.enumValues;

export interface DashboardFilters {
  status?: StoryStatus;
  sectionId?: number;
  authorId?: number;
  /** Only stories this user created. */
  createdById?: number;
  /** Words of the headline. */
  q?: string;
  /** Id of the last story of the previous page (ordered by last change, newest first). */
  before?: number;
  limit?: number;
}

export interface DashboardRow {
  id: number;
  slug: string;
  headline: string;
  status: StoryStatus;
  sectionName: string;
  sectionPath: string;
  updatedAt: Date;
  publishedAt: Date | null;
  scheduledAt: Date | null;
  createdById: number | null;
  updatedByName: string | null;
  bylines: string[];
}

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listStoriesForDashboard(filters: DashboardFilters = {}, db: Db = getDb()) {
  const limit = Math.min(filters.limit ?? 30, 100);
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(stories.status, filters.status));
  if (filters.sectionId) conditions.push(eq(stories.sectionId, filters.sectionId));
  if (filters.createdById) conditions.push(eq(stories.createdById, filters.createdById));
  if (filters.authorId) {
    conditions.push(
      inArray(stories.id, db.select({ id: storyAuthors.storyId }).from(storyAuthors).where(eq(storyAuthors.authorId, filters.authorId))),
    );
  }
  if (filters.q?.trim()) {
    for (const word of filters.q.trim().split(/\s+/).slice(0, 8)) {
      conditions.push(ilike(stories.headline, `%${escapeLike(word)}%`));
    }
  }
  if (filters.before) {
    conditions.push(
      sql`(${stories.updatedAt}, ${stories.id}) < (select s.updated_at, s.id from ${stories} s where s.id = ${filters.before})`,
    );
  }
  const rows = await db
    .select({
      id: stories.id,
      slug: stories.slug,
      headline: stories.headline,
      status: stories.status,
      sectionName: sections.name,
      sectionPath: sections.path,
      updatedAt: stories.updatedAt,
      publishedAt: stories.publishedAt,
      scheduledAt: stories.scheduledAt,
      createdById: stories.createdById,
      updatedByName: users.name,
    })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .leftJoin(users, eq(users.id, stories.updatedById))
    .where(and(...conditions))
    .orderBy(desc(stories.updatedAt), desc(stories.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const ids = page.map((row) => row.id);
  const bylineRows = ids.length
    ? await db
        .select({ storyId: storyAuthors.storyId, name: authors.name, position: storyAuthors.position })
        .from(storyAuthors)
        .innerJoin(authors, eq(authors.id, storyAuthors.authorId))
        .where(inArray(storyAuthors.storyId, ids))
        .orderBy(storyAuthors.position)
    : [];
  const result: DashboardRow[] = page.map((row) => ({
    ...row,
    bylines: bylineRows.filter((b) => b.storyId === row.id).map((b) => b.name),
  }));
  return { rows: result, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export async function listAuthorsForPicker(db: Db = getDb()) {
  return db.select({ id: authors.id, name: authors.name }).from(authors).orderBy(authors.name);
}

export async function listSectionsForPicker(db: Db = getDb()) {
  return db.select({ id: sections.id, name: sections.name, path: sections.path }).from(sections).orderBy(sections.path);
}
