import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { storyNotes, users } from "@/db/schema";

// Reading review notes: the notes an editor sent a story back with, still waiting for its writer
// (they are resolved when the story is submitted again: lib/stories/workflow.ts).

export interface OpenNote {
  id: number;
  body: string;
  authorName: string | null;
  createdAt: Date;
}

/** A story's open notes, newest first: the notice at the top of its editor. */
export function listOpenNotes(storyId: number, db: Db = getDb()): Promise<OpenNote[]> {
  return db
    .select({ id: storyNotes.id, body: storyNotes.body, authorName: users.name, createdAt: storyNotes.createdAt })
    .from(storyNotes)
    .leftJoin(users, eq(users.id, storyNotes.authorId))
    .where(and(eq(storyNotes.storyId, storyId), isNull(storyNotes.resolvedAt)))
    .orderBy(desc(storyNotes.createdAt), desc(storyNotes.id));
}
