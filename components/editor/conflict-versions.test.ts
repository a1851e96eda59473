import { describe, expect, it } from "vitest";
import { compareVersions, editorStoryOf, paragraphsOf, setAsideOf, type StoryAnswer } from "./conflict-versions";
import type { SendResult } from "./send-and-report";
import { autosaveDelay, canStartSave, createStoryDraft, reduceStoryDraft, toSavePayload, type DraftEvent, type EditorStory, type SavedStory, type StoryDraft } from "./story-draft";

// After someone else saved first: their version as the editor holds it, the side-by-side, and
// the draft's ways out — nothing typed is lost, autosave never retries or overwrites, "Keep mine"
// saves on their revision and "Take theirs" keeps the person's words beside theirs.

const doc = (...paragraphs: string[]) => ({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

const answer: StoryAnswer = {
  id: 12,
  revision: 5,
  status: "draft",
  headline: "Harbor wall approved",
  deck: "Their deck.",
  slug: "harbor-wall-approved",
  sectionId: 2,
  tags: ["Harbor"],
  authorIds: [5],
  heroMediaId: 9,
  heroKey: "2026/12/0123456789abcdef0123456789abcdef.jpg",
  heroAlt: "The wall",
  heroCaption: "",
  heroCredit: "",
  body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Their first." }] }, { type: "relatedStory", attrs: { storyId: 4 } }] } as StoryAnswer["body"],
  related: [],
  seoTitle: "",
  seoDescription: "",
  commentsOpen: true,
  publicPath: "/news/harbor-wall-approved",
  scheduledAt: null,
};

const mineBody = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "My first." }] }, { type: "relatedStory", attrs: { storyId: 4, headline: "Earlier story" } }] };

const mine: EditorStory = { ...editorStoryOf(answer, mineBody), revision: 4, deck: "My deck.", body: mineBody };
const names = { sections: new Map([[2, "news"]]), authors: new Map([[5, "Pat Reporter"]]) };
const run = (draft: StoryDraft, ...events: DraftEvent[]) => events.reduce(reduceStoryDraft, draft);
const conflict = { updatedBy: "Ana Ruiz", updatedAt: "2026-12-07T01:00:00Z", revision: 5 };
const saveDone = (result: SendResult<SavedStory>, auto = false): DraftEvent => ({ type: "save-done", result, auto, sentSlug: "harbor-wall-approved", savedAt: "10:00:00" });
const refused = (auto = false) =>
  run(createStoryDraft(mine), { type: "edit", patch: { deck: "My deck, edited." } }, { type: "save-start" }, saveDone({ kind: "conflict", status: 409, conflict }, auto));

describe("their version", () => {
  it("opens as the editor opens a story: hero address, related-story headlines borrowed from the draft", () => {
    const theirs = editorStoryOf(answer, mineBody);
    expect(theirs.hero).toEqual({ id: 9, src: "/media/2026/12/0123456789abcdef0123456789abcdef.jpg", alt: "The wall", caption: "", credit: "" });
    expect((theirs.body as { content: { attrs?: { headline?: string } }[] }).content[1]!.attrs?.headline).toBe("Earlier story");
    expect(theirs.revision).toBe(5);
  });

  it("reads a body as paragraphs of plain text", () => {
    expect(paragraphsOf(doc("One.", "", "Two."))).toEqual(["One.", "Two."]);
    expect(paragraphsOf(answer.body)).toEqual(["Their first.", "Related story #4"]);
  });
});

describe("side by side", () => {
  it("always shows headline, deck and body, and other fields only where they differ", () => {
    const draft = run(createStoryDraft(mine), { type: "edit-tags", text: "Harbor, Council" });
    const fields = compareVersions(editorStoryOf(answer, mineBody), draft, mineBody, names);
    expect(fields).toEqual([
      { label: "Headline", theirs: ["Harbor wall approved"], mine: ["Harbor wall approved"], differs: false },
      { label: "Deck", theirs: ["Their deck."], mine: ["My deck."], differs: true },
      { label: "Body", theirs: ["Their first.", "Related story #4"], mine: ["My first.", "Related story #4"], differs: true },
      { label: "Tags", theirs: ["Harbor"], mine: ["Harbor, Council"], differs: true },
    ]);
  });
});

describe("a refused save", () => {
  it("keeps every edit, stops autosave, and focuses the message only for a save the person asked for", () => {
    expect(refused()).toMatchObject({ dirty: true, conflict, focusConflict: true, story: { deck: "My deck, edited.", revision: 4 } });
    expect(refused(true).focusConflict).toBe(false);
    const typedOn = run(refused(true), { type: "edit", patch: { headline: "Still typing" } });
    expect(autosaveDelay(typedOn, true)).toBeNull();
    expect(canStartSave(typedOn, true)).toBe(false);
  });

  it("Keep mine: saves the person's version on their revision, and the conflict ends when it goes through", () => {
    const draft = refused();
    expect(canStartSave(draft, true, true)).toBe(true);
    expect(toSavePayload(draft, mineBody, 5)).toMatchObject({ baseRevision: 5, deck: "My deck, edited." });
    const after = run(draft, { type: "save-start" }, saveDone({ kind: "ok", status: 200, data: { id: 12, revision: 6 } }));
    expect(after).toMatchObject({ conflict: null, dirty: false, story: { revision: 6, deck: "My deck, edited." } });
  });

  it("Take theirs: loads their version clean, and sets the person's words aside to copy", () => {
    const draft = refused();
    const theirs = editorStoryOf(answer, mineBody);
    const after = run(draft, { type: "take-theirs", theirs, mine: setAsideOf(draft, mineBody) });
    expect(after).toMatchObject({ conflict: null, dirty: false, loads: 1, story: { deck: "Their deck.", revision: 5 } });
    expect(after.setAside).toEqual({ headline: "Harbor wall approved", deck: "My deck, edited.", paragraphs: ["My first.", "Related story #4"] });
    expect(run(after, { type: "dismiss-set-aside" }).setAside).toBeNull();
  });
});
