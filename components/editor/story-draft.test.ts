import { describe, expect, it } from "vitest";
import type { SendResult } from "./send-and-report";
import {
  AUTOSAVE_IDLE_MS,
  AUTOSAVE_MAX_MS,
  autosaveDelay,
  canStartSave,
  countWords,
  CREATE_AFTER_MS,
  createStoryDraft,
  documentText,
  formatSavedAt,
  isSaveShortcut,
  missingToCreate,
  readingMinutes,
  reduceStoryDraft,
  saveTarget,
  toSavePayload,
  wordCountText,
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

  it("never rewrites a slug typed by hand on a story that already exists", () => {
    const draft = run(createStoryDraft({ ...story, slug: "typed-by-hand" }), { type: "edit-headline", headline: "New headline" });
    expect(draft.story).toMatchObject({ headline: "New headline", slug: "typed-by-hand" });
  });

  it("marks tags and body edits as unsaved", () => {
    expect(run(createStoryDraft(story), { type: "edit-tags", text: "a" })).toMatchObject({ tagsText: "a", dirty: true });
    expect(run(createStoryDraft(story), { type: "edit-body", words: 3 })).toMatchObject({ dirty: true, words: 3 });
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

  const body = { type: "edit-body", words: 1 } as const;

  it.each<[EditorStory["status"], number | null]>([
    ["draft", CREATE_AFTER_MS],
    ["draft", AUTOSAVE_IDLE_MS],
    ["review", AUTOSAVE_IDLE_MS],
    ["scheduled", null],
    ["published", null],
  ])("autosaves a changed %s story after %s ms", (status, expected) => {
    const id = expected === CREATE_AFTER_MS ? null : 12;
    const draft = run(createStoryDraft({ ...story, status, id }), body);
    expect(autosaveDelay(draft, true)).toBe(expected);
    expect(autosaveDelay(createStoryDraft({ ...story, status, id }), true)).toBeNull();
  });

  it("saves a draft after a pause in typing, and at the latest 20 s after its first unsaved edit", () => {
    const typing = run(createStoryDraft(story), body);
    expect(autosaveDelay(typing, true, 500)).toBe(AUTOSAVE_IDLE_MS);
    expect(autosaveDelay(typing, true, AUTOSAVE_MAX_MS - 300)).toBe(300);
    expect(autosaveDelay(typing, true, AUTOSAVE_MAX_MS + 5_000)).toBe(0);
    const created = createStoryDraft({ ...fresh, headline: "S" });
    expect(autosaveDelay(run(created, body), true, 600)).toBe(CREATE_AFTER_MS - 600);
  });

  it("creates a new story from its first keystroke once the server can take it", () => {
    const blank = createStoryDraft({ ...fresh, sectionId: null });
    expect(missingToCreate(blank.story)).toEqual(["a headline", "a section"]);
    const typed = run(blank, { type: "edit-headline", headline: "S" });
    expect(autosaveDelay(typed, true)).toBeNull();
    const placed = run(typed, { type: "edit", patch: { sectionId: 2 } });
    expect(missingToCreate(placed.story)).toEqual([]);
    expect(autosaveDelay(placed, true)).toBe(CREATE_AFTER_MS);
    expect(autosaveDelay(placed, false)).toBeNull();
  });

  it("waits while a save runs, and after a refused one until the next edit", () => {
    const typing = run(createStoryDraft(story), body);
    expect(autosaveDelay(run(typing, { type: "save-start" }), true)).toBeNull();
    const refused = run(typing, { type: "save-start" }, saved({ kind: "offline" }, true));
    expect(autosaveDelay(refused, true)).toBeNull();
    expect(autosaveDelay(run(refused, body), true)).toBe(AUTOSAVE_IDLE_MS);
  });

  it("tells the save time on the site's clock", () => {
    expect(formatSavedAt(new Date("2026-12-06T10:05:09Z"), "America/New_York")).toBe("05:05:09");
  });
});

it("takes a workflow change into the story, and keeps the revision (only a save moves it)", () => {
  const draft = run(createStoryDraft(story), { type: "status-changed", next: { status: "published", scheduledAt: null } });
  expect(draft.story).toMatchObject({ status: "published", revision: story.revision });
  expect(draft.dirty).toBe(false);
});

const body = (words = 1): DraftEvent => ({ type: "edit-body", words });

describe("dirty tracking", () => {
  const ok = (revision: number, slug?: string) => saved({ kind: "ok", status: 200, data: { id: 12, revision, slug } }, true);

  it("keeps edits made while a save ran as unsaved, and the slug typed meanwhile", () => {
    const during = run(createStoryDraft(story), body(), { type: "save-start" }, { type: "edit-slug", slug: "typed-meanwhile" }, ok(4));
    expect(during).toMatchObject({ dirty: true, message: "Autosaved at 10:00:00" });
    expect(during.story).toMatchObject({ revision: 4, slug: "typed-meanwhile" });
    expect(autosaveDelay(during, true)).toBe(AUTOSAVE_IDLE_MS);
    expect(run(during, { type: "save-start" }, ok(5)).dirty).toBe(false);
  });

  it("gives a created story its id and the server's slug, and goes on editing it", () => {
    const created = run(
      createStoryDraft(fresh),
      { type: "edit-headline", headline: "Storm" },
      { type: "save-start" },
      saved({ kind: "ok", status: 201, data: { id: 30, revision: 1, slug: "storm-2" } }),
    );
    expect(created.story).toMatchObject({ id: 30, revision: 1, slug: "storm-2" });
    expect(saveTarget(created.story)).toEqual({ url: "/api/admin/stories/30", method: "PATCH" });
  });

  it("lets the headline write the slug of a draft whose slug is still the headline's", () => {
    const created = run(createStoryDraft(fresh), { type: "edit-headline", headline: "S" }, { type: "save-start" }, ok(1));
    expect(run(created, { type: "edit-headline", headline: "Storm closes" }).story.slug).toBe("storm-closes");
    const reopened = createStoryDraft({ ...story, headline: "Storm", slug: "storm" });
    expect(run(reopened, { type: "edit-headline", headline: "Storm closes" }).story.slug).toBe("storm-closes");
    const published = createStoryDraft({ ...story, status: "published", headline: "Storm", slug: "storm" });
    expect(run(published, { type: "edit-headline", headline: "Storm closes" }).story.slug).toBe("storm");
  });
});

describe("word count and reading time", () => {
  it.each<[string, string, number]>([
    ["words", "The harbor closed at noon.", 5],
    ["dashes and stray marks", "Boats — all 40 of them — stay in port .", 8],
    ["apostrophes and hyphens", "The port's long-awaited breakwater", 4],
    ["nothing", "   ", 0],
  ])("counts %s", (_, text, expected) => expect(countWords(text)).toBe(expected));

  it("reads the document: blocks apart, text across bold and links joined", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", content: [{ type: "text", text: "Harbor" }] },
        { type: "paragraph", content: [{ type: "text", text: "Wind" }, { type: "text", text: "storm", marks: [{ type: "bold" }] }, { type: "text", text: " hits." }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Ferries" }] }] }] },
        { type: "relatedStory", attrs: { storyId: 4 } },
        { type: "paragraph", content: [{ type: "text", text: "One" }, { type: "hardBreak" }, { type: "text", text: "two" }] },
      ],
    };
    expect(countWords(documentText(doc))).toBe(6);
    expect(createStoryDraft({ ...story, body: doc }).words).toBe(6);
  });

  it.each<[number, number, string]>([
    [0, 0, "0 words · 0 min read"],
    [1, 1, "1 word · 1 min read"],
    [700, 3, "700 words · 3 min read"],
  ])("%s words read in %s min", (words, minutes, text) => {
    expect(readingMinutes(words)).toBe(minutes);
    expect(wordCountText(words)).toBe(text);
  });
});

it.each<[string, Partial<KeyboardEvent>, boolean]>([
  ["Ctrl+S", { key: "s", ctrlKey: true }, true],
  ["Cmd+S", { key: "s", metaKey: true }, true],
  ["Ctrl+Shift+S", { key: "S", ctrlKey: true, shiftKey: true }, true],
  ["Ctrl+Alt+S", { key: "s", ctrlKey: true, altKey: true }, false],
  ["plain s", { key: "s" }, false],
  ["Ctrl+D", { key: "d", ctrlKey: true }, false],
])("%s saves: %s", (_, event, expected) => {
  expect(isSaveShortcut({ ctrlKey: false, metaKey: false, altKey: false, ...event } as KeyboardEvent)).toBe(expected);
});
