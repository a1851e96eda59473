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
  /** Edits made since the editor opened; a save is good for the edits made before it started. */
  edits: number;
  /** `edits` when the running (or last) save started. */
  savingEdits: number;
  /** `edits` when a save last failed: autosave waits for the next edit instead of retrying. */
  failedEdits: number | null;
  /** Words in the body, counted as the body changes. */
  words: number;
  saving: boolean;
  message: string | null;
  error: string | null;
  fieldErrors: Record<string, string>;
  /** Someone else saved since this draft's revision: saves wait until the person chooses (conflict-versions.ts). */
  conflict: Conflict | null;
  /** The conflict came from a save the person asked for: focus goes to its message (an autosave's is announced only). */
  focusConflict: boolean;
  /** Whole versions loaded into the editor since it opened ("Take theirs"): the body editor starts afresh on each. */
  loads: number;
  /** The person's own text, set aside when they took someone else's version: there to copy until they leave. */
  setAside: SetAsideText | null;
}

/** What is kept of a version set aside: the words, to copy back. */
export interface SetAsideText {
  headline: string;
  deck: string;
  paragraphs: string[];
}

/** What a successful save answers: the new story's id and slug, or the saved revision. */
export interface SavedStory {
  id: number;
  revision: number;
  slug?: string;
}

export type DraftEvent =
  | { type: "edit"; patch: Partial<EditorStory> }
  | { type: "edit-headline"; headline: string }
  | { type: "edit-slug"; slug: string }
  | { type: "edit-tags"; text: string }
  | { type: "edit-body"; words: number }
  | { type: "save-start" }
  | { type: "save-done"; result: SendResult<SavedStory>; auto: boolean; sentSlug: string; savedAt: string }
  | { type: "status-changed"; next: Pick<EditorStory, "status" | "scheduledAt"> }
  | { type: "take-theirs"; theirs: EditorStory; mine: SetAsideText }
  | { type: "dismiss-set-aside" };

/** A draft readers never saw whose slug is still its headline's keeps following the headline. */
const slugFollowsHeadline = (story: EditorStory) =>
  story.id === null || ((story.status === "draft" || story.status === "review") && story.slug === slugify(story.headline));

export function createStoryDraft(story: EditorStory): StoryDraft {
  return {
    story,
    slugTouched: !slugFollowsHeadline(story),
    tagsText: story.tags.join(", "),
    dirty: false,
    edits: 0,
    savingEdits: 0,
    failedEdits: null,
    words: countWords(documentText(story.body)),
    saving: false,
    message: null,
    error: null,
    fieldErrors: {},
    conflict: null,
    focusConflict: false,
    loads: 0,
    setAside: null,
  };
}

/** Any change by the person writing: unsaved until a save that started after it succeeds. */
const touched = (draft: StoryDraft): StoryDraft => ({ ...draft, dirty: true, edits: draft.edits + 1 });
const edited = (draft: StoryDraft, patch: Partial<EditorStory>): StoryDraft => touched({ ...draft, story: { ...draft.story, ...patch } });

/** The story after a successful save: a new one now has its id (and the server's slug), an old one its new revision. */
function savedStory(draft: StoryDraft, data: SavedStory, sentSlug: string, editedSince: boolean): EditorStory {
  const { story } = draft;
  // A slug typed while the save ran is kept; otherwise the slug as the server took it.
  const slug = editedSince ? story.slug : (data.slug ?? sentSlug) || story.slug;
  if (story.id === null) return { ...story, id: data.id, revision: data.revision, slug };
  return { ...story, revision: data.revision, slug };
}

/** A finished save: what the draft shows afterwards. */
function afterSave(draft: StoryDraft, event: Extract<DraftEvent, { type: "save-done" }>): StoryDraft {
  const { result, auto } = event;
  const done = { ...draft, saving: false };
  const failed = { ...done, failedEdits: draft.savingEdits };
  switch (result.kind) {
    case "ok": {
      const editedSince = draft.edits !== draft.savingEdits;
      const message = `${auto ? "Autosaved" : "Saved"} at ${event.savedAt}`;
      return { ...done, fieldErrors: {}, conflict: null, dirty: editedSince, failedEdits: null, message, story: savedStory(draft, result.data, event.sentSlug, editedSince) };
    }
    case "conflict":
      return { ...failed, conflict: result.conflict, focusConflict: !auto };
    case "invalid":
      return {
        ...failed,
        fieldErrors: result.fieldErrors,
        error: auto ? "Not autosaved: check the highlighted fields." : (result.error ?? "Check the highlighted fields."),
      };
    case "offline":
      return { ...failed, error: "Not saved: the server could not be reached. Your changes are still here." };
    default:
      return { ...failed, error: result.error ?? `Not saved (${result.status}).` };
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
      return touched({ ...draft, tagsText: event.text });
    case "edit-body":
      return touched({ ...draft, words: event.words });
    case "save-start":
      return { ...draft, saving: true, savingEdits: draft.edits, error: null };
    case "save-done":
      return afterSave(draft, event);
    case "status-changed":
      return { ...draft, story: { ...draft.story, ...event.next } };
    case "take-theirs":
      // Their version, as if just opened; the person's own words stay beside it to copy.
      return { ...createStoryDraft(event.theirs), loads: draft.loads + 1, setAside: event.mine, message: "Their version is loaded; yours is below the text." };
    case "dismiss-set-aside":
      return { ...draft, setAside: null };
  }
}

/**
 * A save starts only from an editable draft that is not already saving, and not while a conflict
 * waits for the person's choice (`resolving`: they chose to save theirs over it). So autosave never
 * retries a refused save, and never writes over someone else's.
 */
export const canStartSave = (draft: StoryDraft, canEdit: boolean, resolving = false) => canEdit && !draft.saving && (!draft.conflict || resolving);

/** What a new story still needs before the server will create it (the admin API's required fields). */
export function missingToCreate(story: EditorStory): string[] {
  return [
    ...(story.headline.trim() ? [] : ["a headline"]),
    ...(story.sectionId ? [] : ["a section"]),
    ...(story.authorIds.length ? [] : ["a byline"]),
  ];
}

/** A new story is created this soon after its first keystroke, typing or not. */
export const CREATE_AFTER_MS = 800;
/** A draft is saved once typing pauses this long… */
export const AUTOSAVE_IDLE_MS = 2_000;
/** …or this long after its first unsaved edit, for someone who never pauses. */
export const AUTOSAVE_MAX_MS = 20_000;

/**
 * When to autosave: `sinceFirstEdit` is the time since the first edit not yet saved; null for no
 * autosave. A new story is created as soon as the server can take it, then saved like any
 * draft: after a pause in typing, or at the latest AUTOSAVE_MAX_MS after the first unsaved
 * edit. Published and scheduled stories change only when someone presses Save, and a refused
 * save waits for the next edit rather than retrying the same thing.
 */
export function autosaveDelay(draft: StoryDraft, canEdit: boolean, sinceFirstEdit = 0): number | null {
  if (!draft.dirty || !canStartSave(draft, canEdit) || draft.failedEdits === draft.edits) return null;
  const { story } = draft;
  if (story.id === null) return missingToCreate(story).length === 0 ? Math.max(0, CREATE_AFTER_MS - sinceFirstEdit) : null;
  if (story.status !== "draft" && story.status !== "review") return null;
  return Math.max(0, Math.min(AUTOSAVE_IDLE_MS, AUTOSAVE_MAX_MS - sinceFirstEdit));
}

/** The plain text of a story document: blocks apart, inline text (across bold or links) joined. */
export function documentText(node: unknown): string {
  if (!node || typeof node !== "object") return "";
  const { type, text, content } = node as { type?: string; text?: unknown; content?: unknown };
  if (type === "text") return typeof text === "string" ? text : "";
  if (type === "hardBreak") return " ";
  if (!Array.isArray(content)) return "";
  const inline = content.some((child) => (child as { type?: string } | null)?.type === "text");
  return content.map(documentText).join(inline ? "" : " ");
}

/** Words: runs of letters or digits (with their apostrophes and hyphens); dashes and stray marks are not words. */
export const countWords = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/** Reading time at 230 words a minute, at least a minute once there is anything to read. */
export const readingMinutes = (words: number) => (words === 0 ? 0 : Math.max(1, Math.round(words / 230)));

/** "312 words · 2 min read". */
export const wordCountText = (words: number) => `${words} ${words === 1 ? "word" : "words"} · ${readingMinutes(words)} min read`;

/** Ctrl+S, or Cmd+S on a Mac: save instead of the browser's "Save page as". */
export const isSaveShortcut = (event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s";

/**
 * The request body of a save; `body` is the story document as the body editor holds it.
 * `baseRevision` is the draft's own unless the person chose to save over a newer one ("Keep mine").
 */
export function toSavePayload(draft: StoryDraft, body: unknown, baseRevision = draft.story.revision) {
  const { story } = draft;
  return {
    baseRevision,
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
