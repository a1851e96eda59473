"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/actions/errors";
import { runLinkForm } from "@/lib/actions/link-action";
import { redeemResetLink } from "@/lib/auth/account-links";

// POST of a password reset page: the new password is set, every session and API token of the
// account ends, and the person signs in with it (with their two-factor code, if they use one).
export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runLinkForm(formData, (token, ip) => redeemResetLink(token, Object.fromEntries(formData), ip));
  if (!("done" in result)) return result;
  redirect("/editor/sign-in?notice=password-set");
}
