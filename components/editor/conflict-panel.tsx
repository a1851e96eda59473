"use client";

import { useEffect, useRef } from "react";
import { formatZonedDateTime } from "@/lib/format/zoned";
import type { ComparedField } from "./conflict-versions";
import type { Conflict } from "./send-and-report";
import type { SetAsideText } from "./story-draft";
import type { ConflictControls } from "./use-conflict";

// What the editor shows when someone else saved first: the message beside the save button, the
// side-by-side of their version and the person's own (a modal <dialog>), and, after "Take
// theirs", the person's own words kept below the text to copy. State lives in use-conflict.ts.

type NoticeProps = { conflict: Conflict; focus: boolean; timeZone: string; controls: ConflictControls };

/** "Ana Ruiz saved this story at …": focused when it answers the person's own Save, announced either way. */
export function ConflictNotice({ conflict, focus, timeZone, controls }: NoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, conflict]);
  return (
    <div ref={ref} className="conflict-notice" role="alert" tabIndex={-1}>
      <p>
        <strong>{conflict.updatedBy}</strong> saved this story at {formatZonedDateTime(conflict.updatedAt, timeZone)}. Your changes are not
        saved yet, and are still here.
      </p>
      <button type="button" className="button" onClick={() => void controls.compare()} disabled={controls.loading}>
        {controls.loading ? "Fetching their version…" : "Compare"}
      </button>
      {controls.error && <p className="form-error">{controls.error}</p>}
    </div>
  );
}

function Lines({ lines }: { lines: string[] }) {
  return lines.length ? lines.map((line, index) => <p key={index}>{line}</p>) : <p className="muted">(empty)</p>;
}

function ComparisonTable({ fields, by }: { fields: ComparedField[]; by: string }) {
  return (
    <table className="compare-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Theirs ({by})</th>
          <th scope="col">Yours (not saved)</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.label} className={field.differs ? "differs" : undefined}>
            <th scope="row">
              {field.label}
              <span className="compare-mark">{field.differs ? " (differs)" : " (same)"}</span>
            </th>
            <td>
              <Lines lines={field.theirs} />
            </td>
            <td>
              <Lines lines={field.mine} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Their version beside the person's own, with the two ways out; Escape or Close leaves both as they are. */
export function CompareDialog({ controls, by, saving }: { controls: ConflictControls; by: string; saving: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const open = controls.theirs !== null;
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="compare-dialog" aria-labelledby="compare-heading" onClose={controls.close}>
      <h2 id="compare-heading">Their version and yours</h2>
      <p>Nothing changes until you choose. &ldquo;Keep mine&rdquo; saves yours over theirs; &ldquo;Take theirs&rdquo; loads theirs and keeps your words below the text to copy.</p>
      {open && <ComparisonTable fields={controls.fields} by={by} />}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" disabled={saving} onClick={() => void controls.keepMine()}>
          Keep mine
        </button>
        <button type="button" className="button" disabled={saving} onClick={controls.takeTheirs}>
          Take theirs
        </button>
        <button type="button" className="button" onClick={controls.close}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** The person's own words after they took someone else's version: there until they leave the page or dismiss them. */
export function SetAsideVersion({ text, onDismiss }: { text: SetAsideText; onDismiss: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} className="panel set-aside" aria-labelledby="set-aside-heading" tabIndex={-1}>
      <h2 id="set-aside-heading">Your version (not saved)</h2>
      <p className="muted">Copy what you need into the story; this goes when you leave the page.</p>
      <p>
        <strong>{text.headline}</strong>
      </p>
      {text.deck && <p>{text.deck}</p>}
      {text.paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
