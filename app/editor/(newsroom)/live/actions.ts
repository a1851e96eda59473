"use server";

import { siteTimeZone } from "@/lib/settings/time-zone";
import { revalidatePath } from "next/cache";
import { canRunLiveDesk } from "@/lib/auth/roles";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { parseZonedLocal } from "@/lib/format/zoned";
import { addShow, addShowSeries, deleteShow, editShow, updateStream } from "@/lib/live/commands";
import { idSchema } from "@/lib/validation/ids";

// The live desk's forms. The commands validate (the admin API uses them too); the schemas here
// only shape FormData, and a refusal (a DomainError) comes back through formAction. Times arrive
// as the site's wall clock from datetime-local fields.


/** A tampered id becomes 0, which the command answers as "There is no such stream/show". */
const id = idSchema.catch(0);
const text = z.string().default("");
/**
 * A datetime-local value, read on the site's clock. Anything else, empty or not, becomes "" and
 * the command answers "Enter when the show starts/ends" (never a date guessed on the server's clock).
 */
const siteTime = text.transform((value) => parseZonedLocal(value, siteTimeZone()) ?? "");
/** "" when left empty; otherwise what the command checks. */
const optional = text.transform((value) => (value.trim() === "" ? undefined : value));
/** A date field's day, up to its last second on the site's clock; anything else the command refuses. */
const lastDay = text.transform((value) =>
  value === "" ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(value) ? (parseZonedLocal(`${value}T23:59:59`, siteTimeZone()) ?? "") : "",
);

const changed = (ok: string) => {
  revalidatePath("/editor/live");
  return { ok };
};

export const updateStreamAction = formAction({
  can: canRunLiveDesk,
  schema: z.object({
    streamId: id,
    title: text,
    url: text,
    status: text,
    // "" is "no poster" in the select; anything else is the command's to check as an id.
    posterMediaId: text.transform((value) => (value === "" ? null : value)),
  }),
  run: async ({ streamId, ...data }, { user, ip }) => {
    await updateStream({ ...user, ip }, streamId, data);
    return changed("Saved. Readers see it within seconds.");
  },
});

/** A show, or with "Repeat" chosen, the show and its repeats. */
export const addShowAction = formAction({
  can: canRunLiveDesk,
  schema: z.object({ streamId: id, title: text, description: text, startsAt: siteTime, endsAt: siteTime, every: text, times: optional, until: lastDay }),
  run: async ({ streamId, every, times, until, ...show }, { user, ip }) => {
    if (every === "") {
      const added = await addShow({ ...user, ip }, streamId, show);
      return changed(`“${added.title}” added to the programme.`);
    }
    const added = await addShowSeries({ ...user, ip }, streamId, { ...show, every, times, until });
    return changed(`“${added[0]!.title}” added to the programme ${added.length} times.`);
  },
});

export const editShowAction = formAction({
  can: canRunLiveDesk,
  schema: z.object({ showId: id, title: text, description: text, startsAt: siteTime, endsAt: siteTime }),
  run: async ({ showId, ...show }, { user, ip }) => {
    const edited = await editShow({ ...user, ip }, showId, show);
    revalidatePath(`/editor/live/shows/${showId}`);
    return changed(`“${edited.title}” saved.`);
  },
});

/** The programme table is one form: each row's Delete button sends its show's id. */
export const deleteShowAction = formAction({
  can: canRunLiveDesk,
  schema: z.object({ showId: id }),
  run: async ({ showId }, { user, ip }) => {
    const deleted = await deleteShow({ ...user, ip }, showId);
    return changed(`“${deleted.title}” taken off the programme.`);
  },
});
