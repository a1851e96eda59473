import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { comments } from "@/db/schema";
import { ConflictError } from "@/lib/errors";

// An idempotency key lets a client retry a post without posting twice. Keys belong to their
// sender: they are stored per story and per sender (the hash of the sender's secret, or of the
// address for a client that has not got its cookie yet), so someone else's key finds nothing of
// theirs. A key that comes back with other content is a mistake, not a retry: 409, nothing stored.

type CommentRow = typeof comments.$inferSelect;

export interface Sender {
  /** Keyed hash of the sender's secret: the one presented, or the one just handed out. */
  senderHash: string;
  ipHash: string;
  /** Whether the request presented its secret (the cookie), rather than being given a new one. */
  known: boolean;
}

export interface PostedContent {
  name: string;
  body: string;
  emailHash: string | null;
  parentId: number | null;
}

/** The key as stored: `<story>:<sender or address>:<key>`, unique per story and sender. */
export function storedKey(storyId: number, key: string, sender: Sender): string {
  return `${storyId}:${sender.known ? sender.senderHash : sender.ipHash}:${key}`;
}

function sameContent(row: CommentRow, content: PostedContent): boolean {
  return (
    row.authorName === content.name &&
    row.body === content.body &&
    row.emailHash === content.emailHash &&
    // A trapped bot's comment is stored without its parent: its retry must look like any other.
    (row.status === "spam" || row.parentId === content.parentId)
  );
}

/** The sender's earlier comment this post is a retry of, if any; 409 when the key came with other content. */
export async function findRetried(storyId: number, key: string | undefined, sender: Sender, content: PostedContent, db: Db): Promise<CommentRow | undefined> {
  if (!key) return undefined;
  const own = storedKey(storyId, key, sender);
  // A sender's very first post is filed under its address (it had no cookie yet); its retry may
  // already carry the secret that post was given.
  const firstPost = sender.known ? storedKey(storyId, key, { ...sender, known: false }) : own;
  const rows = await db
    .select()
    .from(comments)
    .where(inArray(comments.idempotencyKey, [own, firstPost]));
  const earlier = rows.find((row) => row.idempotencyKey === own || row.senderHash === sender.senderHash);
  if (!earlier) return undefined;
  if (!sameContent(earlier, content)) {
    throw new ConflictError("This idempotency key was already used for a different comment. Send a new key with each new comment.");
  }
  return earlier;
}
