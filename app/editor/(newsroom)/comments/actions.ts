"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { fieldErrorsOf, submittedValues, type FormState } from "@/lib/actions/errors";
import { formAction } from "@/lib/actions/form-action";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { getCurrentUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/users";
import { MAX_BULK, moderateComments, moderationActions, updateCommentSettings, type ModerationAction } from "@/lib/comments/moderation";
import { DomainError } from "@/lib/errors";

// The comment queue's forms. Moderation is written by hand rather than with formAction: the
// queue sends one `ids` entry per ticked comment, and formAction's Object.fromEntries would keep
// only the last. It makes formAction's checks in the same order and answers the same FormState.

const MODERATORS: Role[] = ["admin", "editor"];

const moderationSchema = z.object({
  action: z.enum(moderationActions, { error: "Choose approve, spam, remove or restore" }),
  ids: z
    .array(z.coerce.number({ error: "Those are not comment numbers" }).int("Those are not comment numbers").positive("Those are not comment numbers"))
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

/** The selection has no field of its own to show a message next to: the message names the problem. */
const refusal = (message: string, fieldErrors?: Record<string, string>): FormState => ({
  error: Object.values(fieldErrors ?? {})[0] ?? message,
  fieldErrors,
});

async function moderate(formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  if (!MODERATORS.includes(user.role)) return { error: "You do not have permission to do this." };
  // A row's own button sends "approve:12" (that comment only); the bulk buttons send the action,
  // and the ticked boxes the ids.
  const [action, only] = String(formData.get("action") ?? "").split(":");
  const parsed = moderationSchema.safeParse({ action, ids: only === undefined ? formData.getAll("ids") : [only] });
  if (!parsed.success) return refusal("Check the selection.", fieldErrorsOf(parsed.error));
  try {
    const ip = clientIpFromHeaders(await headers());
    const result = await moderateComments({ ...user, ip }, parsed.data.ids, parsed.data.action);
    revalidatePath("/editor/comments");
    const left = result.unchanged ? ` ${plural(result.unchanged)} left unchanged.` : "";
    return { ok: result.changed ? `${plural(result.changed)} ${done[parsed.data.action]}.${left}` : `Nothing changed.${left}` };
  } catch (error) {
    if (error instanceof DomainError) return refusal(error.message, error.fieldErrors);
    console.error(error);
    return { error: "Something went wrong on our side; nothing was changed. Try again." };
  }
}

export async function moderateCommentsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const state = await moderate(formData);
  return state.ok ? state : { ...state, values: submittedValues(formData) };
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
    .pipe(z.array(z.string().max(100, "Keep each blocked word or phrase under 100 characters")).max(500, "List at most 500 blocked words")),
});

export const saveCommentSettingsAction = formAction({
  roles: MODERATORS,
  schema: settingsSchema,
  run: async (data, { user, ip }) => {
    await updateCommentSettings({ ...user, ip }, data);
    revalidatePath("/editor/comments");
    return { ok: "Comment settings saved." };
  },
});
