"use server";

import { revalidatePath } from "next/cache";
import { canModerate } from "@/lib/auth/roles";
import { z } from "zod";
import type { FormState } from "@/lib/actions/errors";
import { formAction } from "@/lib/actions/form-action";
import { MAX_BULK, moderateComments, moderationActions, updateCommentSettings, type ModerationAction } from "@/lib/comments/moderation";
import { text } from "@/lib/validation/text";
import { idSchemaWith } from "@/lib/validation/ids";

// The comment queue's forms.


const moderationSchema = z.object({
  action: z.enum(moderationActions, { error: "Choose approve, spam, remove or restore" }),
  ids: z
    .array(idSchemaWith("Those are not comment numbers"))
    .min(1, "Select at least one comment first")
    .max(MAX_BULK, `Select at most ${MAX_BULK} comments at a time`),
});

const done: Record<ModerationAction, string> = {
  approve: "approved",
  spam: "marked as spam",
  remove: "removed",
  restore: "put back in the queue",
};

const plural = (n: number) => `${n} comment${n === 1 ? "" : "s"}`;

const moderate = formAction({
  can: canModerate,
  schema: moderationSchema,
  // A row's own button sends "approve:12" (that comment only); the bulk buttons send the action,
  // and the ticked boxes one `ids` entry each.
  input: (formData) => {
    const [action, only] = String(formData.get("action") ?? "").split(":");
    return { action, ids: only === undefined ? formData.getAll("ids") : [only] };
  },
  run: async (data, { user, ip }) => {
    const result = await moderateComments({ ...user, ip }, data.ids, data.action);
    revalidatePath("/editor/comments");
    const left = result.unchanged ? ` ${plural(result.unchanged)} left unchanged.` : "";
    return { ok: result.changed ? `${plural(result.changed)} ${done[data.action]}.${left}` : `Nothing changed.${left}` };
  },
});

/** The selection has no field of its own to show a message next to: the message names the problem. */
export async function moderateCommentsAction(previous: FormState, formData: FormData): Promise<FormState> {
  const state = await moderate(previous, formData);
  const problem = Object.values(state.fieldErrors ?? {})[0];
  return problem ? { ...state, error: problem } : state;
}

/** One word or phrase per line; blank lines and repeats dropped, case ignored (as when posting). */
const blockedLines = (text: string) => [...new Set(text.split(/\r?\n/).map((line) => line.trim().toLowerCase()).filter(Boolean))];

const settingsSchema = z.object({
  premoderation: z.enum(["none", "first-time", "everyone"], { error: "Choose whose comments wait for moderation" }),
  closeAfterDays: z
    .string({ error: "Enter a number of days" })
    .trim()
    .min(1, "Enter a number of days")
    .regex(/^\d+$/, "Enter a whole number of days, such as 14")
    .transform(Number)
    .pipe(z.number().min(1, "Keep comments open at least 1 day").max(3650, "Close comments within 3,650 days (ten years)")),
  blockedWords: z
    .string()
    .default("")
    .transform(blockedLines)
    .pipe(z.array(text().max(100, "Keep each blocked word or phrase under 100 characters")).max(500, "List at most 500 blocked words")),
});

export const saveCommentSettingsAction = formAction({
  can: canModerate,
  schema: settingsSchema,
  run: async (data, { user, ip }) => {
    await updateCommentSettings({ ...user, ip }, data);
    revalidatePath("/editor/comments");
    return { ok: "Comment settings saved." };
  },
});
