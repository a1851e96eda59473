import type { StoryStatus } from "@/lib/stories/editor-queries";
import { refusalMessage, sendAndReport, type SendResult } from "./send-and-report";

// The workflow panel's rules without React: which actions a person sees for a story in a given
// status, and what each workflow request reports back.

export const statusText: Record<StoryStatus, string> = {
  draft: "Draft",
  review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished (its URL answers 410)",
};

/** The actions offered: writers submit drafts; editors publish, schedule, unpublish, correct, and send a story in review back. */
export function workflowChoices(status: StoryStatus, canPublish: boolean, canEdit: boolean) {
  const published = status === "published";
  return {
    submit: !canPublish && canEdit && status === "draft",
    publish: canPublish && !published,
    schedule: canPublish && !published,
    unpublish: canPublish && (published || status === "scheduled"),
    preview: !published,
    correct: canPublish && published,
    sendBack: canPublish && status === "review",
  };
}

/** What a workflow step changes in the editor. Not the revision: only a content save moves it. */
export type StatusChange = { status: StoryStatus; scheduledAt: string | null };

/** A refused workflow request: the first field's message (only one field is ever sent), else the server's. */
export function workflowRefusal(result: Exclude<SendResult<unknown>, { kind: "ok" }>): string {
  if (result.kind === "offline") return "The server could not be reached.";
  const firstField = result.kind === "invalid" ? Object.values(result.fieldErrors)[0] : undefined;
  return firstField ?? refusalMessage(result, "Refused");
}

type Outcome<T> = { ok: true; data: T } | { ok: false; error: string };

async function post<T>(storyId: number, action: string, body: unknown, fetchImpl?: typeof fetch): Promise<Outcome<T>> {
  const result = await sendAndReport<T>(`/api/admin/stories/${storyId}/${action}`, { body, fetchImpl });
  return result.kind === "ok" ? { ok: true, data: result.data } : { ok: false, error: workflowRefusal(result) };
}

/** submit, publish, schedule, unpublish, corrections or send-back; the story's new status on success. */
export const runStoryAction = (storyId: number, action: string, body?: unknown, fetchImpl?: typeof fetch) =>
  post<StatusChange>(storyId, action, body, fetchImpl);

/** A private preview link, or the revocation of all of them. */
export const requestPreview = (storyId: number, action: "preview" | "preview-revoke", fetchImpl?: typeof fetch) =>
  post<{ path?: string; revoked?: number }>(storyId, action, undefined, fetchImpl);
