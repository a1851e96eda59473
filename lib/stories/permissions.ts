import { or, eq, type SQL } from "drizzle-orm";
import { canEditAnyStory } from "@/lib/auth/roles";
import { stories } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/users";
import type { StoryStatus } from "./editor-queries";
import { isPublishedNow, publishedNow } from "./visibility";

// Who may do what with a story (DESIGN.md, "Identity and security"). Checked by every command,
// and by every newsroom list: a list shows exactly the stories its reader may open.

export interface StoryOwnership {
  createdById: number | null;
  status: StoryStatus;
  publishedAt: Date | null;
}

/** A writer's own story is one they created. */
const isOwn = (user: CurrentUser, story: StoryOwnership) => story.createdById === user.id;

/** Editors and admins edit any story; a writer edits their own while it is a draft or in review. */
export function canEditStory(user: CurrentUser, story: StoryOwnership): boolean {
  if (canEditAnyStory(user)) return true;
  return isOwn(user, story) && (story.status === "draft" || story.status === "review");
}

/**
 * Moving a story to the trash and back: editors and admins for any story, a writer for their own
 * drafts that readers never saw (a story once published is an editor's decision).
 */
export function canTrashStory(user: CurrentUser, story: StoryOwnership): boolean {
  if (canEditAnyStory(user)) return true;
  return isOwn(user, story) && (story.status === "draft" || story.status === "review") && story.publishedAt === null;
}

/**
 * Editors and admins see every story; a writer sees their own and what readers can read
 * (`isPublishedNow`), never another person's unpublished work. `storiesVisibleTo` is the same rule in SQL.
 */
export function canViewStory(user: CurrentUser, story: StoryOwnership, now = new Date()): boolean {
  return canEditAnyStory(user) || isOwn(user, story) || isPublishedNow(story, now);
}

/** The stories `user` may open, as a condition on `stories`; undefined for everything. */
export function storiesVisibleTo(user: CurrentUser): SQL | undefined {
  return canEditAnyStory(user) ? undefined : or(eq(stories.createdById, user.id), publishedNow);
}

/** Why `user` may read this story but not change it, in a sentence for the editor; null if they may edit it. */
export function readOnlyReason(user: CurrentUser, story: StoryOwnership): string | null {
  if (canEditStory(user, story)) return null;
  if (!isOwn(user, story)) return "This is another writer's story: you can read it here, but only its writer or an editor can change it.";
  const state = story.status === "scheduled" ? "scheduled" : story.status === "published" ? "published" : "taken off the site";
  return `This story is ${state}, so only an editor can change it now. Ask an editor if something needs fixing.`;
}
