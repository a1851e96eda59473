import { formatDateTime } from "@/lib/format/dates";
import type { OpenNote } from "@/lib/stories/review-notes";

// At the top of a story sent back from review: who sent it back, when, and their note, until the
// story is submitted again.

export function SentBackNotice({ notes }: { notes: OpenNote[] }) {
  if (!notes.length) return null;
  return (
    <section className="panel sent-back-notice" aria-label="Review notes">
      {notes.map((note) => (
        <p key={note.id}>
          <strong>
            Sent back by {note.authorName ?? "a former editor"},{" "}
            <time dateTime={note.createdAt.toISOString()}>{formatDateTime(note.createdAt.toISOString())}</time>:
          </strong>{" "}
          <span className="note-body">{note.body}</span>
        </p>
      ))}
    </section>
  );
}
