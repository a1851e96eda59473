"use client";

import Link from "next/link";
import { useState } from "react";
import { formatZonedDateTime } from "@/lib/format/zoned";
import type { StoryStatus } from "@/lib/stories/editor-queries";

const statusText: Record<StoryStatus, string> = {
  draft: "Draft",
  review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished (its URL answers 410)",
};

/**
 * Review, publish, schedule, unpublish and corrections, as the person's role allows. Times are on
 * the site's clock (`timeZone`), not the computer's: "Publish at" is sent as the wall-clock text
 * the field holds, and the server reads it in the site's zone.
 */
export function WorkflowPanel({
  storyId,
  status,
  publicPath,
  scheduledAt,
  timeZone,
  canPublish,
  canEdit,
  dirty,
  onChanged,
}: {
  storyId: number;
  status: StoryStatus;
  publicPath: string | null;
  scheduledAt: string | null;
  timeZone: string;
  canPublish: boolean;
  canEdit: boolean;
  dirty: boolean;
  onChanged: (next: { status: StoryStatus; revision: number; scheduledAt: string | null }) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [when, setWhen] = useState("");
  const [note, setNote] = useState("");
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);

  async function preview(action: "preview" | "preview-revoke") {
    setError(null);
    const response = await fetch(`/api/admin/stories/${storyId}/${action}`, { method: "POST" });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      setError(data.error ?? `Refused (${response.status}).`);
      return;
    }
    if (action === "preview") setPreviewUrl(`${window.location.origin}${data.path}`);
    else {
      setPreviewUrl(null);
      setNotice(`Preview links revoked (${data.revoked}).`);
    }
  }

  async function run(action: string, body?: unknown, done?: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const response = await fetch(`/api/admin/stories/${storyId}/${action}`, {
        method: "POST",
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        setError(Object.values((data.fieldErrors ?? {}) as Record<string, string>)[0] ?? data.error ?? `Refused (${response.status}).`);
        return;
      }
      setNotice(done ?? "Done.");
      onChanged({ status: data.status, revision: data.revision, scheduledAt: data.scheduledAt });
    } catch {
      setError("The server could not be reached.");
    } finally {
      setBusy(false);
    }
  }

  const blocked = busy || dirty;
  return (
    <section className="panel workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">Status: {statusText[status]}</h2>
      {status === "scheduled" && scheduledAt && <p>Appears on {formatZonedDateTime(scheduledAt, timeZone)}.</p>}
      {publicPath && status === "published" && (
        <p>
          <Link href={publicPath}>View the published story</Link>
        </p>
      )}
      {dirty && <p className="muted">Save your changes before changing the status.</p>}
      <div className="workflow-actions">
        {!canPublish && canEdit && status === "draft" && (
          <button type="button" className="button button-primary" disabled={blocked} onClick={() => run("submit", undefined, "Submitted for review.")}>
            Submit for review
          </button>
        )}
        {canPublish && status !== "published" && (
          <button type="button" className="button button-primary" disabled={blocked} onClick={() => run("publish", undefined, "Published.")}>
            Publish now
          </button>
        )}
        {canPublish && status !== "published" && (
          <span className="inline-form">
            <label htmlFor="schedule-at">Publish at ({timeZone} time)</label>
            <input
              id="schedule-at"
              type="datetime-local"
              value={when}
              max="9999-12-31T23:59"
              onChange={(event) => setWhen(event.target.value)}
            />
            <button
              type="button"
              className="button"
              disabled={blocked || !when}
              onClick={() => run("schedule", { at: when }, "Scheduled.")}
            >
              Schedule
            </button>
          </span>
        )}
        {canPublish && (status === "published" || status === "scheduled") && (
          <button
            type="button"
            className="button button-danger"
            disabled={blocked}
            onClick={() => {
              if (window.confirm(status === "published" ? "Unpublish this story? Its URL will answer 410." : "Cancel the schedule?")) {
                void run("unpublish", undefined, status === "published" ? "Unpublished." : "Schedule cancelled.");
              }
            }}
          >
            {status === "published" ? "Unpublish" : "Cancel schedule"}
          </button>
        )}
      </div>
      {status !== "published" && (
        <div className="preview-links">
          <button type="button" className="button" onClick={() => void preview("preview")}>
            Create a preview link
          </button>{" "}
          <button type="button" className="button" onClick={() => void preview("preview-revoke")}>
            Revoke preview links
          </button>
          {previewUrl && (
            <p>
              Private link: <a href={previewUrl}>{previewUrl}</a>
            </p>
          )}
        </div>
      )}
      {canPublish && status === "published" && (
        <div className="field correction">
          <label htmlFor="correction-note">Correction note</label>
          <span className="hint">Shown, dated, at the end of the article; the article then says it was updated.</span>
          <textarea id="correction-note" value={note} maxLength={1000} rows={2} onChange={(event) => setNote(event.target.value)} />
          <div>
            <button
              type="button"
              className="button"
              disabled={busy || !note.trim()}
              onClick={async () => {
                await run("corrections", { note }, "Correction added.");
                setNote("");
              }}
            >
              Add correction
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}
