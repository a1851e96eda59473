"use client";

import { useState } from "react";
import { compareVersions, editorStoryOf, setAsideOf, type StoryAnswer } from "./conflict-versions";
import { refusalMessage, sendAndReport } from "./send-and-report";
import type { EditorStory, SetAsideText, StoryDraft } from "./story-draft";

// After a refused save (409): fetch their version to compare, then either save the person's own
// over it ("Keep mine", on their revision) or load theirs and set the person's words aside
// ("Take theirs"). Nothing the person typed is dropped by either path.

type Editor = {
  draft: StoryDraft;
  save: (auto: boolean, over?: number) => Promise<void>;
  currentBody: () => unknown;
  takeVersion: (theirs: EditorStory, mine: SetAsideText) => void;
};

type Names = Parameters<typeof compareVersions>[3];

export function useConflict({ draft, save, currentBody, takeVersion }: Editor, names: Names) {
  const [theirs, setTheirs] = useState<EditorStory | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function compare() {
    if (draft.story.id === null) return;
    setLoading(true);
    setError(null);
    const result = await sendAndReport<StoryAnswer>(`/api/admin/stories/${draft.story.id}`, { method: "GET" });
    setLoading(false);
    if (result.kind === "ok") setTheirs(editorStoryOf(result.data, currentBody()));
    else setError(result.kind === "offline" ? "Their version could not be fetched: the server could not be reached." : refusalMessage(result, "Their version could not be fetched"));
  }

  async function keepMine() {
    if (!theirs) return;
    const over = theirs.revision;
    setTheirs(null);
    await save(false, over);
  }

  function takeTheirs() {
    if (!theirs) return;
    takeVersion(theirs, setAsideOf(draft, currentBody()));
    setTheirs(null);
  }

  const fields = theirs ? compareVersions(theirs, draft, currentBody(), names) : [];
  return { theirs, fields, loading, error, compare, close: () => setTheirs(null), keepMine, takeTheirs };
}

export type ConflictControls = ReturnType<typeof useConflict>;
