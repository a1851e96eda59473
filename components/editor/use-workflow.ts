"use client";

import { useState } from "react";
import { requestPreview, runStoryAction, type StatusChange } from "./story-workflow";

// The workflow panel's state: one request at a time, its error or notice, and the preview link.

/** `storyId` is null until a new story is first saved; nothing runs before. */
export function useWorkflow(storyId: number | null, onChanged: (next: StatusChange) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);

  /** `onRefused`, when given, takes the refusal instead of the top bar (a form showing it next to its field). */
  async function run(action: string, body?: unknown, done?: string, onRefused?: (error: string) => void) {
    if (storyId === null) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const outcome = await runStoryAction(storyId, action, body);
    setBusy(false);
    if (!outcome.ok) return (onRefused ?? setError)(outcome.error);
    setNotice(done ?? "Done.");
    onChanged({ status: outcome.data.status, scheduledAt: outcome.data.scheduledAt });
  }

  async function preview(action: "preview" | "preview-revoke") {
    if (storyId === null) return;
    setError(null);
    const outcome = await requestPreview(storyId, action);
    if (!outcome.ok) return setError(outcome.error);
    if (action === "preview") setPreviewUrl(`${window.location.origin}${outcome.data.path}`);
    else {
      setPreviewUrl(null);
      setNotice(`Preview links revoked (${outcome.data.revoked}).`);
    }
  }

  return { busy, error, notice, previewUrl, run, preview };
}
