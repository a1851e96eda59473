"use client";

import { useState } from "react";
import { REVIEW_NOTE_MAX } from "@/lib/stories/review-note-text";
import { LabeledField } from "./field";

// "Send back" on a story in review (editors and admins): the story returns to its writer as a
// draft with this note, which they see on their dashboard and at the top of the story. A refusal
// (no note, a story no longer in review) is shown next to the field.

type Run = (action: string, body: unknown, done: string, onRefused: (error: string) => void) => Promise<void>;

export function SendBackForm({ busy, run }: { busy: boolean; run: Run }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  return (
    <LabeledField
      htmlFor="send-back-note"
      label="Note to the writer"
      hint="Say what the story needs; it goes back to its writer as a draft."
      hintId="send-back-hint"
      error={error}
      errorId="send-back-error"
      className="field send-back"
    >
      <textarea
        id="send-back-note"
        value={note}
        maxLength={REVIEW_NOTE_MAX}
        rows={3}
        onChange={(event) => setNote(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "send-back-error" : "send-back-hint"}
      />
      <div>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={async () => {
            setError(undefined);
            await run("send-back", { note }, "Sent back to the writer.", setError);
          }}
        >
          Send back
        </button>
      </div>
    </LabeledField>
  );
}
