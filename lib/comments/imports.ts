import { comments } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { keyedHash } from "./hashing";
import { commentInputSchema } from "./schemas";

// Comments brought in with an archive (lib/import/): written as the old site kept them — its
// author, time and moderation state — in the transaction that imports their story. Readers'
// rules for new comments (rate limits, form tokens, premoderation) do not apply: these were
// posted and moderated elsewhere. Name and text are held to the same limits as a reader's.

export interface ArchivedComment {
  /** A comment imported before it in this story; replies are one level deep, as on the site. */
  parentId: number | null;
  status: "approved" | "pending";
  authorName: string;
  email?: string;
  body: string;
  createdAt: Date;
}

const archivedSchema = commentInputSchema.pick({ name: true, body: true });

/** Writes one archived comment; its id, or the reason it cannot be kept. */
export async function importArchivedComment(tx: Tx, storyId: number, comment: ArchivedComment): Promise<{ id: number } | { refused: string }> {
  const parsed = archivedSchema.safeParse({ name: comment.authorName, body: comment.body });
  if (!parsed.success) return { refused: parsed.error.issues[0]?.message ?? "The comment cannot be kept" };
  const { name, body } = parsed.data;
  // An address the old site let through but that is not one is only a moderator's hint: dropped.
  const email = commentInputSchema.shape.email.safeParse(comment.email ?? "").data;
  const [row] = await tx
    .insert(comments)
    .values({
      storyId,
      parentId: comment.parentId,
      status: comment.status,
      authorName: name,
      emailHash: email ? keyedHash("email", email.toLowerCase()) : null,
      body,
      approvedAt: comment.status === "approved" ? comment.createdAt : null,
      createdAt: comment.createdAt,
    })
    .returning({ id: comments.id });
  return { id: row!.id };
}
