import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { comments } from "@/db/schema";
import { keysetPage, keysetQuery, type KeysetOrder } from "@/lib/pagination/keyset";

// The public thread: approved comments, oldest first, replies nested one level under their parent.

export interface PublicComment {
  id: number;
  name: string;
  body: string;
  createdAt: string;
  replies: Omit<PublicComment, "replies">[];
}

export interface CommentPage {
  comments: PublicComment[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: number | null;
}

/** The thread reads in the order it was written. */
const oldestFirst: KeysetOrder = { table: comments, keys: [comments.createdAt], id: comments.id, direction: "asc" };

export async function listApprovedComments(storyId: number, options: { cursor?: number; limit?: number } = {}, db: Db = getDb()): Promise<CommentPage> {
  const limit = Math.min(options.limit ?? 50, 500);
  const keyset = keysetQuery(oldestFirst, { cursor: options.cursor, limit });
  const top = await db
    .select({ id: comments.id, name: comments.authorName, body: comments.body, createdAt: comments.createdAt })
    .from(comments)
    .where(and(eq(comments.storyId, storyId), eq(comments.status, "approved"), isNull(comments.parentId), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(keyset.limit);
  const { items: page, nextCursor } = keysetPage(top, limit);
  const replies = page.length
    ? await db
        .select({ id: comments.id, parentId: comments.parentId, name: comments.authorName, body: comments.body, createdAt: comments.createdAt })
        .from(comments)
        .where(and(inArray(comments.parentId, page.map((c) => c.id)), eq(comments.status, "approved")))
        .orderBy(asc(comments.createdAt), asc(comments.id))
    : [];
  return {
    comments: page.map((comment) => ({
      id: comment.id,
      name: comment.name,
      body: comment.body,
      createdAt: comment.createdAt.toISOString(),
      replies: replies
        .filter((reply) => reply.parentId === comment.id)
        .map((reply) => ({ id: reply.id, name: reply.name, body: reply.body, createdAt: reply.createdAt.toISOString() })),
    })),
    nextCursor,
  };
}
