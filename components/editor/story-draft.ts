import { slugify } from "@/lib/format/slug";
import type { StoryStatus } from "@/lib/stories/editor-queries";
import type { MediaItem } from "./hero-picker";
import type { PickedStory } from "./related-picker";
import type { Conflict, SendResult } from "./send-and-report";

// The story editor's state and save protocol without React: a reducer the hook drives, the
// payload a save sends, and what each answer does to the draft. Kept apart so it can be tested
// in node, and so the component only renders.

export interface EditorStory {
  id: number | null;
  revision: number;
  status: StoryStatus;
  headline: string;
  deck: string;
  slug: string;
  sectionId: number | null;
  tags: string[];
  authorIds: number[];
  hero: MediaItem | null;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  body: unknown;
  related: PickedStory[];
  seoTitle: string;
  seoDescription: string;
  commentsOpen: boolean;
  publicPath: string | null;
  scheduledAt: string | null;
}

export interface StoryDraft {
  story: EditorStory;
  /** Once the slug is typed by hand, the headline stops writing it. */
  slugTouched: boolean;
  tagsText: string;
  dirty: boolean;
  saving: boolean;
  message: string | null;
  error: string | null;
  fieldErrors: Record<string, string>;
  conflict: Conflict | null;
}

/** What a successful save answers: the new story's id, or the saved revision. */
export interface SavedStory {
  id: number;
  revision: number;
}

export type DraftEvent =
  | { type: "edit"; patch: Partial<EditorStory> }
  | { type: "edit-headline"; headline: string }
  | { type: "edit-slug"; slug: string }
  | { type: "edit-tags"; text: string }
  | { type: "edit-body" }
  | { type: "save-start" }
  | { type: "save-done"; result: SendResult<SavedStory>; auto: boolean; sentSlug: string; savedAt: string }
  | { type: "status-changed"; next: Pick<EditorStory, "status" | "revision" | "scheduledAt"> };

export function createStoryDraft(story: EditorStory): StoryDraft {
  return {
    story,
    slugTouched: story.id !== null,
    tagsText: story.tags.join(", "),
    dirty: false,
    saving: false,
    message: null,
    error: null,
    fieldErrors: {},
    conflict: null,
  };
}

const edited = (draft: StoryDraft, patch: Partial<EditorStory>): StoryDraft => ({ ...draft, story: { ...draft.story, ...patch }, dirty: true });

/** A finished save: what the draft shows afterwards. */
function afterSave(draft: StoryDraft, event: Extract<DraftEvent, { type: "save-done" }>): StoryDraft {
  const { result, auto } = event;
  const done = { ...draft, saving: false };
  switch (result.kind) {
    case "ok": {
      const message = `${auto ? "Autosaved" : "Saved"} at ${event.savedAt}`;
      const saved = { ...done, fieldErrors: {}, dirty: false, message };
      // A new story is about to be opened at its own address; nothing more to keep here.
      if (draft.story.id === null) return saved;
      return { ...saved, story: { ...draft.story, revision: result.data.revision, slug: event.sentSlug || draft.story.slug } };
    }
    case "conflict":
      return { ...done, conflict: result.conflict };
    case "invalid":
      return {
        ...done,
        fieldErrors: result.fieldErrors,
        error: auto ? "Not autosaved: check the highlighted fields." : (result.error ?? "Check the highlighted fields."),
      };
    case "offline":
      return { ...done, error: "Not saved: the server could not be reached. Your changes are still here." };
    default:
      return { ...done, error: result.error ?? `Not saved (${result.status}).` };
  }
}

export function reduceStoryDraft(draft: StoryDraft, event: DraftEvent): StoryDraft {
  switch (event.type) {
    case "edit":
      return edited(draft, event.patch);
    case "edit-headline":
      return edited(draft, { headline: event.headline, ...(draft.slugTouched ? {} : { slug: slugify(event.headline) }) });
    case "edit-slug":
      return { ...edited(draft, { slug: event.slug }), slugTouched: true };
    case "edit-tags":
      return { ...draft, tagsText: event.text, dirty: true };
    case "edit-body":
      return { ...draft, dirty: true };
    case "save-start":
      return { ...draft, saving: true, error: null };
    case "save-done":
      return afterSave(draft, event);
    case "status-changed":
      return { ...draft, story: { ...draft.story, ...event.next } };
  }
}

/** A save starts only from an editable, unconflicted draft that is not already saving. */
export const canStartSave = (draft: StoryDraft, canEdit: boolean) => canEdit && !draft.saving && !draft.conflict;

/** Drafts save themselves; published stories change only when someone presses Save. */
export const wantsAutosave = (draft: StoryDraft) =>
  draft.dirty && draft.story.id !== null && (draft.story.status === "draft" || draft.story.status === "review");

/** The request body of a save; `body` is the story document as the body editor holds it. */
export function toSavePayload(draft: StoryDraft, body: unknown) {
  const { story } = draft;
  return {
    baseRevision: story.revision,
    headline: story.headline,
    deck: story.deck,
    slug: story.slug,
    sectionId: story.sectionId,
    tags: draft.tagsText
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    authorIds: story.authorIds,
    heroMediaId: story.hero?.id ?? null,
    heroAlt: story.heroAlt,
    heroCaption: story.heroCaption,
    heroCredit: story.heroCredit,
    body,
    relatedIds: story.related.map((related) => related.id),
    seoTitle: story.seoTitle,
    seoDescription: story.seoDescription,
    commentsOpen: story.commentsOpen,
  };
}

/** Where a save goes: a new story is created, an existing one patched. */
export const saveTarget = (story: EditorStory) =>
  story.id ? { url: `/api/admin/stories/${story.id}`, method: "PATCH" } : { url: "/api/admin/stories", method: "POST" };

/** "14:05:09" on the site's clock, for "Saved at …". */
export const formatSavedAt = (now: Date, timeZone: string) =>
  now.toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit" });
