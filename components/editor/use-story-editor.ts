"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { toStoryDocument } from "@/lib/stories/tiptap";
import { GUARD_KEY, isGuardEntry } from "./leave-guard";
import { sendAndReport } from "./send-and-report";
import {
  autosaveDelay,
  canStartSave,
  countWords,
  createStoryDraft,
  documentText,
  formatSavedAt,
  isSaveShortcut,
  reduceStoryDraft,
  saveTarget,
  toSavePayload,
  type EditorStory,
  type SavedStory,
  type SetAsideText,
} from "./story-draft";
import { useUnsavedWarning } from "./use-unsaved-warning";

// Binds the story draft (story-draft.ts) to React and the admin API: saving (the button and
// Ctrl/Cmd+S), autosaving (a new story is created from its first keystroke and then saved like
// any draft, staying on screen while its address becomes its own), and asking before leaving.

export const editorPath = (id: number) => `/editor/stories/${id}`;

export function useStoryEditor(initial: EditorStory, { canEdit, timeZone }: { canEdit: boolean; timeZone: string }) {
  const [draft, dispatch] = useReducer(reduceStoryDraft, initial, createStoryDraft);
  // The body editor's document changes on every keystroke; it is read only when saving.
  const bodyRef = useRef<unknown>(initial.body);

  /** `over`: save over that newer revision (the person chose "Keep mine" after a conflict). */
  const save = useCallback(
    async (auto: boolean, over?: number) => {
      if (!canStartSave(draft, canEdit, over !== undefined)) return;
      dispatch({ type: "save-start" });
      const payload = toSavePayload(draft, toStoryDocument(bodyRef.current), over);
      const { url, method } = saveTarget(draft.story);
      const result = await sendAndReport<SavedStory>(url, { method, body: payload });
      dispatch({ type: "save-done", result, auto, sentSlug: payload.slug, savedAt: formatSavedAt(new Date(), timeZone) });
      // The new story keeps being written here; only the address changes (and reloads open it).
      // Our own state only, so the app router takes the new address too; the leave guard's mark stays.
      if (result.kind === "ok" && draft.story.id === null) {
        window.history.replaceState(isGuardEntry(window.history.state) ? { [GUARD_KEY]: true } : {}, "", editorPath(result.data.id));
      }
    },
    [draft, canEdit, timeZone],
  );
  // Timers and key handlers call the save of the latest render.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // Each edit restarts the wait, bounded by the time since the first edit not yet saved
  // (the first since the last save started, while one runs or after).
  const firstUnsaved = useRef<{ at: number; sinceSave: number } | null>(null);
  useEffect(() => {
    if (!draft.dirty) firstUnsaved.current = null;
    else if (firstUnsaved.current?.sinceSave !== draft.savingEdits) firstUnsaved.current = { at: Date.now(), sinceSave: draft.savingEdits };
    const delay = autosaveDelay(draft, canEdit, Date.now() - (firstUnsaved.current?.at ?? Date.now()));
    if (delay === null) return;
    const timer = setTimeout(() => void saveRef.current(true), delay);
    return () => clearTimeout(timer);
  }, [draft, canEdit]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSaveShortcut(event)) return;
      event.preventDefault();
      void saveRef.current(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useUnsavedWarning(draft.dirty, draft.story.id === null ? null : editorPath(draft.story.id));

  const setBody = useCallback((json: unknown) => {
    bodyRef.current = json;
    dispatch({ type: "edit-body", words: countWords(documentText(json)) });
  }, []);

  const currentBody = useCallback(() => bodyRef.current, []);
  /** Their version replaces the draft ("Take theirs"); the body editor starts afresh on it. */
  const takeVersion = useCallback((theirs: EditorStory, mine: SetAsideText) => {
    bodyRef.current = theirs.body;
    dispatch({ type: "take-theirs", theirs, mine });
  }, []);

  return { draft, dispatch, save, setBody, currentBody, takeVersion };
}
