import { z } from "zod";
import { text } from "@/lib/validation/text";
import { getDb, type Db } from "@/lib/db";
import type { SQL } from "drizzle-orm";
import { getSetting, setSetting, storedSetting } from "@/lib/settings/store";

// How the newsroom moderates comments, edited by editors and admins.

export const commentSettingsSchema = z.object({
  /** Who is held for moderation before appearing: nobody, first-time commenters, or everyone. */
  premoderation: z.enum(["none", "first-time", "everyone"]).default("first-time"),
  /** Comments close this many days after publication. */
  closeAfterDays: z.coerce.number().int().min(1).max(3650).default(14),
  /** Comments containing any of these words or phrases are held. */
  blockedWords: z.array(text().trim().toLowerCase().min(1).max(100)).max(500).default([]),
});

export type CommentSettings = z.output<typeof commentSettingsSchema>;

const KEY = "comments";

export async function getCommentSettings(db: Db = getDb()): Promise<CommentSettings> {
  return commentSettingsFrom(await getSetting<unknown>(KEY, db));
}

/** The settings from their stored value (null when none are stored); the defaults when it is unreadable. */
export function commentSettingsFrom(stored: unknown): CommentSettings {
  const parsed = commentSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : commentSettingsSchema.parse({});
}

/** The stored settings as a subquery, for a read that needs them with its rows (commentSettingsFrom reads the value). */
export const storedCommentSettings: SQL<unknown> = storedSetting(KEY);

export async function saveCommentSettings(settings: CommentSettings, db: Db = getDb()): Promise<void> {
  await setSetting(KEY, commentSettingsSchema.parse(settings), db);
}

/** Whether comments on a story published at `publishedAt` are still open. */
export function commentsStillOpen(story: { commentsOpen: boolean; publishedAt: Date | null }, settings: CommentSettings, now = new Date()): boolean {
  if (!story.commentsOpen || !story.publishedAt) return false;
  return now.getTime() < story.publishedAt.getTime() + settings.closeAfterDays * 86_400_000;
}
