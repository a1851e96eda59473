"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { toStoryDocument } from "@/lib/stories/tiptap";
import { sendAndReport } from "./send-and-report";
import {
  canStartSave,
  createStoryDraft,
  formatSavedAt,
  reduceStoryDraft,
  saveTarget,
  toSavePayload,
  wantsAutosave,
  type EditorStory,
  type SavedStory,
} from "./story-draft";
import { useUnsavedWarning } from "./use-unsaved-warning";

// Binds the story draft (story-draft.ts) to React and the admin API: saving, autosaving drafts,
// opening a new story at its address once created, and the warning before leaving unsaved work.

const AUTOSAVE_MS = 10_000;

export function useStoryEditor(initial: EditorStory, { canEdit, timeZone }: { canEdit: boolean; timeZone: string }) {
  const router = useRouter();
  const [draft, dispatch] = useReducer(reduceStoryDraft, initial, createStoryDraft);
  // The body editor's document changes on every keystroke; it is read only when saving.
  const bodyRef = useRef<unknown>(initial.body);

  const save = useCallback(
    async (auto: boolean) => {
      if (!canStartSave(draft, canEdit)) return;
      dispatch({ type: "save-start" });
      const payload = toSavePayload(draft, toStoryDocument(bodyRef.current));
      const { url, method } = saveTarget(draft.story);
      const result = await sendAndReport<SavedStory>(url, { method, body: payload });
      dispatch({ type: "save-done", result, auto, sentSlug: payload.slug, savedAt: formatSavedAt(new Date(), timeZone) });
      if (result.kind === "ok" && draft.story.id === null) router.replace(`/editor/stories/${result.data.id}`);
    },
    [draft, canEdit, router, timeZone],
  );

  useEffect(() => {
    if (!wantsAutosave(draft)) return;
    const timer = setTimeout(() => void save(true), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft, save]);

  useUnsavedWarning(draft.dirty);

  const setBody = useCallback((json: unknown) => {
    bodyRef.current = json;
    dispatch({ type: "edit-body" });
  }, []);

  return { draft, dispatch, save, setBody };
}
