"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { submittedValues, type FormState } from "@/lib/actions/errors";
import { newsroomPath } from "@/lib/auth/callback-url";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const ip = clientIpFromHeaders(await headers());
  const result = await signInWithPassword({ email: formData.get("email"), password: formData.get("password") }, ip).catch(
    (error: unknown) => {
      console.error(error);
      return { ok: false as const, error: "Something went wrong on our side. Try again." };
    },
  );
  if (!result.ok) return { error: result.error, values: submittedValues(formData) };
  (await cookies()).set(result.cookie);
  redirect(newsroomPath(formData.get("callbackUrl"), env().siteUrl));
}
