"use client";

import Link from "next/link";
import { useState } from "react";
import { formatZonedDateTime } from "@/lib/format/zoned";
import { LAST_STORABLE_YEAR } from "@/lib/validation/dates";
import type { StoryStatus } from "@/lib/stories/editor-queries";
import { LabeledField } from "./field";
import { SendBackForm } from "./send-back-form";
import { statusText, workflowChoices } from "./story-workflow";
import type { useWorkflow } from "./use-workflow";

// Review (submit, send back), publish, schedule, unpublish and corrections, as the person's role
// allows: the common actions in the editor's top bar (WorkflowActions), the rest in its side panel (WorkflowPanel),
// both driven by one useWorkflow. Times are on the site's clock (`timeZone`), not the computer's:
// "Publish at" is sent as the wall-clock text the field holds, and the server reads it in the
// site's zone. Rules in story-workflow.ts.

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

type Workflow = ReturnType<typeof useWorkflow>;

type Props = {
  workflow: Workflow;
  status: StoryStatus;
  publicPath: string | null;
  scheduledAt: string | null;
  timeZone: string;
  canPublish: boolean;
  canEdit: boolean;
  dirty: boolean;
};

/** The top bar's part: the status, and the actions taken most (submit, publish, unpublish, preview). */
export function WorkflowActions({
  workflow,
  status,
  canPublish,
  canEdit,
  dirty,
  created,
}: Omit<Props, "publicPath" | "scheduledAt" | "timeZone"> & { /** False until a new story is first saved: nothing to act on yet. */ created: boolean }) {
  const { busy, error, notice, run, preview } = workflow;
  const choices = workflowChoices(status, canPublish, canEdit);
  const show = created ? choices : { ...choices, submit: false, publish: false, unpublish: false, preview: false };
  const blocked = busy || dirty;
  return (
    <div className="workflow-actions" role="group" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading" className="status-heading">
        Status: {statusText[status]}
      </h2>
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
      {show.unpublish && <UnpublishButton status={status} blocked={blocked} run={run} />}
      {show.preview && (
        <button type="button" className="button" onClick={() => void preview("preview")}>
          Create a preview link
        </button>
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
    </div>
  );
}

/** The side panel's part: when it appears, the preview link, scheduling and corrections. */
export function WorkflowPanel({ workflow, status, publicPath, scheduledAt, timeZone, canPublish, canEdit, dirty }: Props) {
  const { busy, previewUrl, run, preview } = workflow;
  const show = workflowChoices(status, canPublish, canEdit);
  return (
    <section className="panel workflow" aria-labelledby="publishing-heading">
      <h2 id="publishing-heading">Publishing</h2>
      {status === "scheduled" && scheduledAt && <p>Appears on {formatZonedDateTime(scheduledAt, timeZone)}.</p>}
      {publicPath && status === "published" && (
        <p>
          <Link href={publicPath}>View the published story</Link>
        </p>
      )}
      {dirty && <p className="muted">Save your changes before changing the status.</p>}
      {show.schedule && <ScheduleControl timeZone={timeZone} blocked={busy || dirty} run={run} />}
      {show.preview && <PreviewLinks previewUrl={previewUrl} preview={preview} />}
      {show.correct && <CorrectionForm busy={busy} run={run} />}
      {show.sendBack && <SendBackForm busy={busy || dirty} run={run} />}
    </section>
  );
}
