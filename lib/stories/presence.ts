import { and, asc, eq, gt, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { stories, storyPresence, users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/users";
import { NotFoundError } from "@/lib/errors";
import { canViewStory } from "./permissions";

// Who else has a story open in the editor now. Each open editor upserts its row every 15 seconds
// while its page is visible (components/editor/use-presence.ts) and deletes it when the page goes
// away; a row seen within PRESENCE_FRESH_SECONDS counts. Times are the database's own (`now()`), so every app
// instance agrees whatever its clock says.

/** How long a heartbeat counts: two beats and some slack for a slow network. */
export const PRESENCE_FRESH_SECONDS = 40;

/** The story, if `user` may open it; otherwise 404, as opening it would answer. */
async function assertMayOpen(user: CurrentUser, storyId: number, db: Db): Promise<void> {
  const [story] = await db
    .select({ createdById: stories.createdById, status: stories.status, publishedAt: stories.publishedAt, trashedAt: stories.trashedAt })
    .from(stories)
    .where(eq(stories.id, storyId));
  if (!story || story.trashedAt || !canViewStory(user, story)) throw new NotFoundError("This story does not exist.");
}

function readOthers(user: CurrentUser, storyId: number, db: Db): Promise<{ name: string }[]> {
  return db
    .select({ name: users.name })
    .from(storyPresence)
    .innerJoin(users, eq(users.id, storyPresence.userId))
    .where(
      and(
        eq(storyPresence.storyId, storyId),
        ne(storyPresence.userId, user.id),
        gt(storyPresence.seenAt, sql`now() - make_interval(secs => ${PRESENCE_FRESH_SECONDS})`),
      ),
    )
    .orderBy(asc(users.name));
}

/** The others who have the story open now, by name. */
export async function othersPresent(user: CurrentUser, storyId: number, db: Db = getDb()): Promise<{ name: string }[]> {
  await assertMayOpen(user, storyId, db);
  return readOthers(user, storyId, db);
}

/** `user` has the story open: one upsert on the primary key; answers who else has. */
export async function beatPresence(user: CurrentUser, storyId: number, db: Db = getDb()): Promise<{ name: string }[]> {
  await assertMayOpen(user, storyId, db);
  await db
    .insert(storyPresence)
    .values({ storyId, userId: user.id, seenAt: sql`now()` })
    .onConflictDoUpdate({ target: [storyPresence.storyId, storyPresence.userId], set: { seenAt: sql`now()` } });
  return readOthers(user, storyId, db);
}

/** `user` closed the story. Only their own row goes; nothing to refuse. */
export async function leavePresence(user: CurrentUser, storyId: number, db: Db = getDb()): Promise<void> {
  await db.delete(storyPresence).where(and(eq(storyPresence.storyId, storyId), eq(storyPresence.userId, user.id)));
}
