"use client";

import Link from "next/link";
import { useState } from "react";
import { formatZonedDateTime } from "@/lib/format/zoned";
import { LAST_STORABLE_YEAR } from "@/lib/validation/dates";
import type { StoryStatus } from "@/lib/stories/editor-queries";
import { LabeledField } from "./field";
import { statusText, workflowChoices, type StatusChange } from "./story-workflow";
import { useWorkflow } from "./use-workflow";

// Review, publish, schedule, unpublish and corrections, as the person's role allows. Times are on
// the site's clock (`timeZone`), not the computer's: "Publish at" is sent as the wall-clock text
// the field holds, and the server reads it in the site's zone. Rules in story-workflow.ts.

type Run = (action: string, body?: unknown, done?: string) => Promise<void>;

function ScheduleControl({ timeZone, blocked, run }: { timeZone: string; blocked: boolean; run: Run }) {
  const [when, setWhen] = useState("");
  return (
    <span className="inline-form">
      <label htmlFor="schedule-at">Publish at ({timeZone} time)</label>
      <input id="schedule-at" type="datetime-local" value={when} max={`${LAST_STORABLE_YEAR}-12-31T23:59`} onChange={(event) => setWhen(event.target.value)} />
      <button type="button" className="button" disabled={blocked || !when} onClick={() => run("schedule", { at: when }, "Scheduled.")}>
        Schedule
      </button>
    </span>
  );
}

function UnpublishButton({ status, blocked, run }: { status: StoryStatus; blocked: boolean; run: Run }) {
  const published = status === "published";
  const ask = published ? "Unpublish this story? Its URL will answer 410." : "Cancel the schedule?";
  return (
    <button
      type="button"
      className="button button-danger"
      disabled={blocked}
      onClick={() => {
        if (window.confirm(ask)) void run("unpublish", undefined, published ? "Unpublished." : "Schedule cancelled.");
      }}
    >
      {published ? "Unpublish" : "Cancel schedule"}
    </button>
  );
}

function PreviewLinks({ previewUrl, preview }: { previewUrl: string | null; preview: (action: "preview" | "preview-revoke") => Promise<void> }) {
  return (
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
  );
}

function CorrectionForm({ busy, run }: { busy: boolean; run: Run }) {
  const [note, setNote] = useState("");
  return (
    <LabeledField htmlFor="correction-note" label="Correction note" hint="Shown, dated, at the end of the article; the article then says it was updated." className="field correction">
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
    </LabeledField>
  );
}

type Props = {
  storyId: number;
  status: StoryStatus;
  publicPath: string | null;
  scheduledAt: string | null;
  timeZone: string;
  canPublish: boolean;
  canEdit: boolean;
  dirty: boolean;
  onChanged: (next: StatusChange) => void;
};

export function WorkflowPanel({ storyId, status, publicPath, scheduledAt, timeZone, canPublish, canEdit, dirty, onChanged }: Props) {
  const { busy, error, notice, previewUrl, run, preview } = useWorkflow(storyId, onChanged);
  const show = workflowChoices(status, canPublish, canEdit);
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
        {show.submit && (
          <button type="button" className="button button-primary" disabled={blocked} onClick={() => run("submit", undefined, "Submitted for review.")}>
            Submit for review
          </button>
        )}
        {show.publish && (
          <button type="button" className="button button-primary" disabled={blocked} onClick={() => run("publish", undefined, "Published.")}>
            Publish now
          </button>
        )}
        {show.schedule && <ScheduleControl timeZone={timeZone} blocked={blocked} run={run} />}
        {show.unpublish && <UnpublishButton status={status} blocked={blocked} run={run} />}
      </div>
      {show.preview && <PreviewLinks previewUrl={previewUrl} preview={preview} />}
      {show.correct && <CorrectionForm busy={busy} run={run} />}
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
