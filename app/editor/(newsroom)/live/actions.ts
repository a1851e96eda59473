"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, type FormState } from "@/lib/actions/form-action";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { parseZonedLocal } from "@/lib/format/zoned";
import { addShow, deleteShow, updateStream } from "@/lib/live/commands";
import { idSchema } from "@/db/ids";

// The live desk's forms. The commands validate (the admin API uses them too); the schemas here
// only shape FormData. Times arrive as the site's wall clock from datetime-local fields.

const EDITORS = ["admin", "editor"] as const;

/** A tampered id becomes 0, which the command answers as "There is no such stream/show". */
const id = idSchema.catch(0);
const text = z.string().default("");
/**
 * A datetime-local value, read on the site's clock. Anything else, empty or not, becomes "" and
 * the command answers "Enter when the show starts/ends" (never a date guessed on the server's clock).
 */
const siteTime = text.transform((value) => parseZonedLocal(value, env().timeZone) ?? "");

async function answer<T>(command: () => Promise<T>, ok: (result: T) => string): Promise<FormState> {
  let result: T;
  try {
    result = await command();
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  revalidatePath("/editor/live");
  return { ok: ok(result) };
}

export const updateStreamAction = formAction({
  roles: [...EDITORS],
  schema: z.object({
    streamId: id,
    title: text,
    url: text,
    status: text,
    // "" is "no poster" in the select.
    posterMediaId: text.transform((value) => (value === "" ? null : Number(value))),
  }),
  run: ({ streamId, ...data }, { user, ip }) =>
    answer(() => updateStream({ ...user, ip }, streamId, data), () => "Saved. Readers see it within seconds."),
});

export const addShowAction = formAction({
  roles: [...EDITORS],
  schema: z.object({ streamId: id, title: text, description: text, startsAt: siteTime, endsAt: siteTime }),
  run: ({ streamId, ...show }, { user, ip }) => answer(() => addShow({ ...user, ip }, streamId, show), (added) => `“${added.title}” added to the programme.`),
});

/** The programme table is one form: each row's Delete button sends its show's id. */
export const deleteShowAction = formAction({
  roles: [...EDITORS],
  schema: z.object({ showId: id }),
  run: ({ showId }, { user, ip }) => answer(() => deleteShow({ ...user, ip }, showId), (deleted) => `“${deleted.title}” taken off the programme.`),
});
