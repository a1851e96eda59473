"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { submittedValues, type FormState } from "@/lib/actions/errors";
import { newsroomPath } from "@/lib/auth/callback-url";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { pendingSignInCookieName } from "@/lib/auth/session-token";
import { signInWithCode, signInWithPassword, type PasswordSignIn } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

// The sign-in forms' actions: thin, as actions are here; lib/auth/sign-in.ts does the work.

async function attempt(formData: FormData, run: (ip: string) => Promise<PasswordSignIn>): Promise<FormState> {
  let result: PasswordSignIn;
  try {
    result = await run(clientIpFromHeaders(await headers()));
  } catch (error) {
    logError(error);
    result = { ok: false, error: "Something went wrong on our side. Try again." };
  }
  const callbackUrl = newsroomPath(formData.get("callbackUrl"), env().siteUrl);
  const jar = await cookies();
  if (result.ok === "code") {
    jar.set(result.pending);
    redirect(`/editor/sign-in/code?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  if (!result.ok) {
    if (result.restart) redirect(`/editor/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}&notice=again`);
    return { error: result.error, fieldErrors: result.fieldErrors, values: submittedValues(formData) };
  }
  jar.delete(pendingSignInCookieName());
  jar.set(result.cookie);
  redirect(callbackUrl);
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return attempt(formData, (ip) => signInWithPassword({ email: formData.get("email"), password: formData.get("password") }, ip));
}

export async function signInCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const pending = (await cookies()).get(pendingSignInCookieName())?.value;
  return attempt(formData, (ip) => signInWithCode(pending, formData.get("code"), ip));
}
