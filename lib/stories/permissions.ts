import type { CurrentUser } from "@/lib/auth/users";
import type { StoryStatus } from "./editor-queries";

// Who may do what with a story (DESIGN.md, "Identity and security"). Checked by every command.

export interface StoryOwnership {
  createdById: number | null;
  status: StoryStatus;
}

/** Editors and admins edit any story; a writer edits their own while it is a draft or in review. */
export function canEditStory(user: CurrentUser, story: StoryOwnership): boolean {
  if (user.role === "admin" || user.role === "editor") return true;
  return story.createdById === user.id && (story.status === "draft" || story.status === "review");
}

/** Publishing, scheduling, unpublishing and corrections are for editors and admins. */
export function canPublish(user: CurrentUser): boolean {
  return user.role === "admin" || user.role === "editor";
}

/** Writers see their own stories; editors and admins see all. */
export function canViewStory(user: CurrentUser, story: StoryOwnership): boolean {
  return canPublish(user) || story.createdById === user.id;
}
