"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/actions/errors";
import { runLinkForm } from "@/lib/actions/link-action";
import { acceptInvitation } from "@/lib/auth/account-links";
import { createSessionCookie } from "@/lib/auth/session-token";

// POST of an invitation's page: the invitee chose a password; the account is made and signed in.
export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await runLinkForm(formData, (token, ip) => acceptInvitation(token, Object.fromEntries(formData), ip));
  if (!("done" in result)) return result;
  (await cookies()).set(await createSessionCookie(result.done));
  redirect("/editor");
}
