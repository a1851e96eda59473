import { describe, expect, it } from "vitest";
import type { SendResult } from "./send-and-report";
import {
  canStartSave,
  createStoryDraft,
  formatSavedAt,
  reduceStoryDraft,
  saveTarget,
  toSavePayload,
  wantsAutosave,
  type DraftEvent,
  type EditorStory,
  type SavedStory,
  type StoryDraft,
} from "./story-draft";

// The story editor's state and save protocol, driven the way the hook drives them.

const story: EditorStory = {
  id: 12,
  revision: 3,
  status: "draft",
  headline: "Old headline",
  deck: "",
  slug: "old-headline",
  sectionId: 2,
  tags: ["Weather", "Storms"],
  authorIds: [5],
  hero: { id: 9, src: "/m/9.jpg", alt: "A", caption: "", credit: "" },
  heroAlt: "A",
  heroCaption: "",
  heroCredit: "",
  body: { type: "doc" },
  related: [{ id: 4, headline: "Earlier" }],
  seoTitle: "",
  seoDescription: "",
  commentsOpen: true,
  publicPath: null,
  scheduledAt: null,
};
const fresh: EditorStory = { ...story, id: null, revision: 0, slug: "", headline: "" };

const run = (draft: StoryDraft, ...events: DraftEvent[]) => events.reduce(reduceStoryDraft, draft);
const saved = (result: SendResult<SavedStory>, auto = false): DraftEvent => ({ type: "save-done", result, auto, sentSlug: "sent-slug", savedAt: "10:00:00" });

describe("editing", () => {
  it("writes the slug from the headline of a new story until the slug is typed", () => {
    let draft = run(createStoryDraft(fresh), { type: "edit-headline", headline: "Storm Leaves 40,000 Without Power" });
    expect(draft.story.slug).toBe("storm-leaves-40-000-without-power");
    expect(draft.dirty).toBe(true);
    draft = run(draft, { type: "edit-slug", slug: "storm" }, { type: "edit-headline", headline: "Something else" });
    expect(draft.story.slug).toBe("storm");
  });

  it("never rewrites the slug of a story that already exists", () => {
    const draft = run(createStoryDraft(story), { type: "edit-headline", headline: "New headline" });
    expect(draft.story).toMatchObject({ headline: "New headline", slug: "old-headline" });
  });

  it("marks tags and body edits as unsaved", () => {
    expect(run(createStoryDraft(story), { type: "edit-tags", text: "a" })).toMatchObject({ tagsText: "a", dirty: true });
    expect(run(createStoryDraft(story), { type: "edit-body" }).dirty).toBe(true);
  });
});

describe("the save payload", () => {
  it("splits tags on commas, sends ids for hero and related stories, and the base revision", () => {
    const draft = run(createStoryDraft(story), { type: "edit-tags", text: " Weather, , Floods ," });
    expect(toSavePayload(draft, { type: "doc", content: [] })).toMatchObject({
      baseRevision: 3,
      tags: ["Weather", "Floods"],
      heroMediaId: 9,
      relatedIds: [4],
      body: { type: "doc", content: [] },
    });
  });

  it("creates a new story and patches an existing one", () => {
    expect(saveTarget(fresh)).toEqual({ url: "/api/admin/stories", method: "POST" });
    expect(saveTarget(story)).toEqual({ url: "/api/admin/stories/12", method: "PATCH" });
  });
});

describe("answers to a save", () => {
  const editing = run(createStoryDraft(story), { type: "edit", patch: { deck: "New deck" } }, { type: "save-start" });

  it.each<[string, SendResult<SavedStory>, boolean, Partial<StoryDraft>]>([
    ["saved", { kind: "ok", status: 200, data: { id: 12, revision: 4 } }, false, { saving: false, dirty: false, message: "Saved at 10:00:00", error: null }],
    ["autosaved", { kind: "ok", status: 200, data: { id: 12, revision: 4 } }, true, { dirty: false, message: "Autosaved at 10:00:00" }],
    [
      "a newer revision",
      { kind: "conflict", status: 409, conflict: { updatedBy: "Ada", updatedAt: "2026-12-06T09:00:00Z", revision: 5 } },
      false,
      { saving: false, dirty: true, conflict: { updatedBy: "Ada", updatedAt: "2026-12-06T09:00:00Z", revision: 5 } },
    ],
    ["bad fields", { kind: "invalid", status: 422, error: "Fix the slug.", fieldErrors: { slug: "Taken" } }, false, { fieldErrors: { slug: "Taken" }, error: "Fix the slug." }],
    ["bad fields, no message", { kind: "invalid", status: 422, fieldErrors: {} }, false, { error: "Check the highlighted fields." }],
    ["bad fields on autosave", { kind: "invalid", status: 422, error: "Fix the slug.", fieldErrors: { slug: "Taken" } }, true, { error: "Not autosaved: check the highlighted fields." }],
    ["not allowed", { kind: "denied", status: 403, error: "You may not." }, false, { error: "You may not.", dirty: true }],
    ["busy, no message", { kind: "busy", status: 503, retryAfterSeconds: 5 }, false, { error: "Not saved (503)." }],
    ["no answer", { kind: "offline" }, false, { error: "Not saved: the server could not be reached. Your changes are still here.", dirty: true }],
  ])("%s", (_, result, auto, expected) => {
    expect(run(editing, saved(result, auto))).toMatchObject({ saving: false, ...expected });
  });

  it("keeps the new revision and the slug as sent", () => {
    const after = run(editing, saved({ kind: "ok", status: 200, data: { id: 12, revision: 4 } }));
    expect(after.story).toMatchObject({ revision: 4, slug: "sent-slug", deck: "New deck" });
  });

  it("clears old field errors once a save goes through", () => {
    const refused = run(editing, saved({ kind: "invalid", status: 422, fieldErrors: { slug: "Taken" } }), { type: "save-start" });
    expect(refused.error).toBeNull();
    expect(run(refused, saved({ kind: "ok", status: 200, data: { id: 12, revision: 4 } })).fieldErrors).toEqual({});
  });

  it("leaves a created story's fields alone: the page moves to its address", () => {
    const created = run(createStoryDraft(fresh), { type: "save-start" }, saved({ kind: "ok", status: 201, data: { id: 30, revision: 1 } }));
    expect(created.story).toEqual(fresh);
    expect(created.dirty).toBe(false);
  });
});

describe("when saves happen", () => {
  it.each<[string, Partial<StoryDraft>, boolean, boolean]>([
    ["an idle editable draft", {}, true, true],
    ["a read-only story", {}, false, false],
    ["a save already running", { saving: true }, true, false],
    ["after a conflict", { conflict: { updatedBy: "Ada", updatedAt: "x", revision: 5 } }, true, false],
  ])("%s", (_, patch, canEdit, expected) => {
    expect(canStartSave({ ...createStoryDraft(story), ...patch }, canEdit)).toBe(expected);
  });

  it.each<[EditorStory["status"], number | null, boolean]>([
    ["draft", 12, true],
    ["review", 12, true],
    ["scheduled", 12, false],
    ["published", 12, false],
    ["draft", null, false],
  ])("autosaves a changed %s story with id %s: %s", (status, id, expected) => {
    const draft = run(createStoryDraft({ ...story, status, id }), { type: "edit-body" });
    expect(wantsAutosave(draft)).toBe(expected);
    expect(wantsAutosave(createStoryDraft({ ...story, status, id }))).toBe(false);
  });

  it("tells the save time on the site's clock", () => {
    expect(formatSavedAt(new Date("2026-12-06T10:05:09Z"), "America/New_York")).toBe("05:05:09");
  });
});

it("takes a workflow change into the story", () => {
  const draft = run(createStoryDraft(story), { type: "status-changed", next: { status: "published", revision: 6, scheduledAt: null } });
  expect(draft.story).toMatchObject({ status: "published", revision: 6 });
  expect(draft.dirty).toBe(false);
});
