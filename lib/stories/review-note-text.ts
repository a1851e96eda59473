import { ValidationError } from "@/lib/errors";
import { text } from "@/lib/validation/text";

// What a review note may say: the send-back command reads it here, and the editor's field takes
// its length from here, so the two never disagree.

export const REVIEW_NOTE_MAX = 2000;

const noteSchema = text()
  .trim()
  .min(1, "Write a note saying what the story needs")
  .max(REVIEW_NOTE_MAX, `Keep the note under ${REVIEW_NOTE_MAX.toLocaleString("en-GB")} characters`);

/** The note as stored (trimmed), or a ValidationError on `note`. */
export function readReviewNote(note: unknown): string {
  const parsed = noteSchema.safeParse(note);
  if (!parsed.success) throw new ValidationError({ note: parsed.error.issues[0]?.message ?? "Write a note" });
  return parsed.data;
}
