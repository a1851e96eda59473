"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { submittedValues, type FormState } from "@/lib/actions/errors";
import { newsroomPath } from "@/lib/auth/callback-url";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { signInWithPassword, type PasswordSignIn } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

// The sign-in form's action: thin, as actions are here; lib/auth/sign-in.ts does the work.
export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let result: PasswordSignIn;
  try {
    const ip = clientIpFromHeaders(await headers());
    result = await signInWithPassword({ email: formData.get("email"), password: formData.get("password") }, ip);
  } catch (error) {
    logError(error);
    result = { ok: false, error: "Something went wrong on our side. Try again." };
  }
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values: submittedValues(formData) };
  (await cookies()).set(result.cookie);
  redirect(newsroomPath(formData.get("callbackUrl"), env().siteUrl));
}
