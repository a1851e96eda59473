import { and, eq, isNull, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { isUniqueViolation } from "@/db/errors";
import { comments, sections, stories } from "@/db/schema";
import { invalidateStory } from "@/lib/cache/invalidate";
import { readSiteSettings } from "@/lib/settings/site";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, RateLimitError, ValidationError } from "@/lib/errors";
import { incrementCounter } from "@/lib/rate-limits/store";
import { storyPath } from "@/lib/stories/queries";
import { publishedNow } from "@/lib/stories/visibility";
import { checkFormToken } from "./form-token";
import { keyedHash } from "./hashing";
import { findRetried, storedKey, type Sender } from "./idempotency";
import { countCommentLinks } from "./link-text";
import { commentInputSchema, type CommentInput } from "./schemas";
import { newSenderSecret, presentedSecret } from "./sender";
import { commentsStillOpen, getCommentSettings, type CommentSettings } from "./settings";

// Posting a comment. The answer says whether it is published now (201) or held for moderation
// (202); bots filling the honeypot get the same 202 and are never shown. Who is "returning" is
// decided by the sender's own secret (see ./sender.ts), never by an address or an e-mail. An
// idempotency key makes a sender's retried post return its first comment instead of a second one.

const MINUTE = 60_000;
const MAX_LINKS = 2;

export interface PostedComment {
  status: 201 | 202;
  comment: { id: number; state: "published" | "pending"; name: string; body: string; parentId: number | null; createdAt: string };
  /** The sender's secret: the one presented, or a new one the client is to keep (the API's cookie). */
  sender: string;
}

export interface PostContext {
  ip: string;
  /** The secret the sender presented (the comments cookie), if any. */
  sender?: string | null;
}

/** A published story as commenting needs it. */
export interface CommentTarget {
  id: number;
  /** Path of the article: "/news/us/<slug>". */
  path: string;
  publishedAt: Date | null;
  commentsOpen: boolean;
}

/** The published story `storyId`, or null. */
export async function findCommentTarget(storyId: number, db: Db = getDb()): Promise<CommentTarget | null> {
  const [story] = await db
    .select({ id: stories.id, slug: stories.slug, publishedAt: stories.publishedAt, commentsOpen: stories.commentsOpen, sectionPath: sections.path })
    .from(stories)
    .innerJoin(sections, eq(sections.id, stories.sectionId))
    .where(and(eq(stories.id, storyId), publishedNow));
  if (!story) return null;
  return { id: story.id, path: storyPath(story.sectionPath, story.slug), publishedAt: story.publishedAt, commentsOpen: story.commentsOpen };
}

function answer(row: typeof comments.$inferSelect, sender: string): PostedComment {
  const published = row.status === "approved";
  return {
    sender,
    status: published ? 201 : 202,
    comment: {
      id: row.id,
      state: published ? "published" : "pending",
      name: row.authorName,
      body: row.body,
      parentId: row.parentId,
      createdAt: row.createdAt.toISOString(),
    },
  };
}

function containsBlockedWord(text: string, blocked: string[]): boolean {
  const lower = text.toLowerCase();
  return blocked.some((word) => lower.includes(word));
}

async function enforceRateLimits(ipHash: string, storyId: number, db: Db): Promise<void> {
  // The limits of the site settings (the environment's COMMENTS_PER_* win where set).
  const { commentsPerAddress: perAddress, commentsPerStory: perStory } = await readSiteSettings(db);
  for (const [key, limit] of [
    [`comment:address:${ipHash}`, perAddress],
    [`comment:story:${storyId}`, perStory],
  ] as const) {
    const counter = await incrementCounter(key, MINUTE, () => null, db);
    if (counter.count > limit) {
      const wait = Math.max(1, Math.ceil((counter.resetAt.getTime() - Date.now()) / 1000));
      throw new RateLimitError(`Too many comments just now. Try again in ${wait} seconds.`, wait);
    }
  }
}

/**
 * A sender is returning when a comment of theirs, sent with the same secret, was approved. An
 * e-mail proves nothing (anyone can type a regular's); its hash is kept for moderators only.
 */
async function isReturningSender(sender: Sender, db: Db): Promise<boolean> {
  if (!sender.known) return false;
  const [row] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.senderHash, sender.senderHash), eq(comments.status, "approved")))
    .limit(1);
  return row !== undefined;
}

async function decideStatus(input: CommentInput, sender: Sender, settings: CommentSettings, db: Db) {
  // No token is treated like one that came back too fast: the article's form always sends one.
  if (!input.formToken || checkFormToken(input.formToken) !== "ok") return "pending" as const;
  if (countCommentLinks(input.body) > MAX_LINKS) return "pending" as const;
  if (containsBlockedWord(`${input.name} ${input.body}`, settings.blockedWords)) return "pending" as const;
  if (settings.premoderation === "everyone") return "pending" as const;
  if (settings.premoderation === "first-time" && !(await isReturningSender(sender, db))) return "pending" as const;
  return "approved" as const;
}

/** Posts a comment on a story, given by id or as the route handler already found it. */
export async function postComment(target: number | CommentTarget, raw: unknown, context: PostContext, db: Db = getDb()): Promise<PostedComment> {
  const input = parseInput(commentInputSchema, raw);
  const story = typeof target === "number" ? await findCommentTarget(target, db) : target;
  if (!story) throw new NotFoundError("There is no published story here.");
  const storyId = story.id;
  const presented = presentedSecret(context.sender);
  const secret = presented ?? newSenderSecret();
  const sender: Sender = { senderHash: keyedHash("sender", secret), ipHash: keyedHash("ip", context.ip), known: presented !== null };
  const emailHash = input.email ? keyedHash("email", input.email.toLowerCase()) : null;
  const content = { name: input.name, body: input.body, emailHash, parentId: input.parentId ?? null };
  const retried = () => findRetried(storyId, input.idempotencyKey, sender, content, db);

  const earlier = await retried();
  if (earlier) return answer(earlier, secret);

  const settings = await getCommentSettings(db);
  if (!commentsStillOpen(story, settings)) throw new ForbiddenError("Comments are closed on this story.");

  const { ipHash, senderHash } = sender;
  await enforceRateLimits(ipHash, storyId, db);

  const base = {
    storyId,
    authorName: input.name,
    emailHash,
    body: input.body,
    ipHash,
    senderHash,
    idempotencyKey: input.idempotencyKey ? storedKey(storyId, input.idempotencyKey, sender) : null,
  };
  if (input.website?.trim()) {
    // Stored as spam, answered like any held comment: the bot learns nothing.
    const [trap] = await db.insert(comments).values({ ...base, status: "spam" }).returning();
    return answer(trap!, secret);
  }

  if (input.parentId) {
    const [parent] = await db
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.id, input.parentId), eq(comments.storyId, storyId), eq(comments.status, "approved"), isNull(comments.parentId)));
    if (!parent) throw new ValidationError({ parentId: "You can only reply to a published comment that is not itself a reply" });
  }

  const [duplicate] = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.storyId, storyId), eq(comments.body, input.body), or(eq(comments.ipHash, ipHash), eq(comments.senderHash, senderHash), emailHash ? eq(comments.emailHash, emailHash) : sql`false`)))
    .limit(1);
  if (duplicate) throw new ConflictError("You have already posted this comment.");

  const status = await decideStatus(input, sender, settings, db);
  try {
    const [row] = await db
      .insert(comments)
      .values({ ...base, parentId: input.parentId ?? null, status, approvedAt: status === "approved" ? new Date() : null })
      .returning();
    if (status === "approved") invalidateStory(storyId, [story.path]);
    return answer(row!, secret);
  } catch (error) {
    // Two retries with one key racing: the second returns the first one's comment.
    if (isUniqueViolation(error)) {
      const first = await retried();
      if (first) return answer(first, secret);
    }
    throw error;
  }
}
