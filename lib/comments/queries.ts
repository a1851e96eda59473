import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb, isoTime, type Db } from "@/lib/db";
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

const threadTop = alias(comments, "thread_top");
const threadReply = alias(comments, "thread_reply");
const countedComment = alias(comments, "counted_comment");

/**
 * The first `limit` comments of a story's approved thread with their replies, as one JSON value
 * (PublicComment[]) computed in SQL: for a read that loads it with the story in one statement
 * (lib/stories/queries.ts). The same rows and order as listApprovedComments' first page.
 */
export function approvedThreadJson(storyId: AnyPgColumn, limit: number): SQL<PublicComment[]> {
  const reply = threadReply;
  const replies = sql`(select coalesce(json_agg(json_build_object('id', ${reply.id}, 'name', ${reply.authorName}, 'body', ${reply.body}, 'createdAt', ${isoTime(reply.createdAt)}) order by ${reply.createdAt}, ${reply.id}), '[]')
    from ${comments} ${reply} where ${reply.parentId} = top.id and ${reply.status} = 'approved')`;
  return sql<PublicComment[]>`(select coalesce(json_agg(json_build_object('id', top.id, 'name', top.name, 'body', top.body, 'createdAt', ${isoTime(sql`top.created_at`)}, 'replies', ${replies}) order by top.created_at, top.id), '[]')
    from (select ${threadTop.id} as id, ${threadTop.authorName} as name, ${threadTop.body} as body, ${threadTop.createdAt} as created_at
      from ${comments} ${threadTop}
      where ${threadTop.storyId} = ${storyId} and ${threadTop.status} = 'approved' and ${threadTop.parentId} is null
      order by ${threadTop.createdAt}, ${threadTop.id} limit ${limit}) top)`;
}

/** How many approved comments a story has, as a subquery beside approvedThreadJson. */
export function approvedCountOf(storyId: AnyPgColumn): SQL<number> {
  return sql<number>`(select count(*)::int from ${comments} ${countedComment} where ${countedComment.storyId} = ${storyId} and ${countedComment.status} = 'approved')`;
}

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
