import "server-only";
import { headers } from "next/headers";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { DomainError } from "@/lib/errors";
import { logError } from "@/lib/log";
import type { FormState } from "./errors";

// The forms behind a link an admin handed over (an invitation, a password reset): no one is
// signed in, the token in the form is the permission. Refusals come back as messages for the
// form, next to their field; the caller redirects when the run succeeded.

export async function runLinkForm<T>(formData: FormData, run: (token: string, ip: string) => Promise<T>): Promise<{ done: T } | FormState> {
  const token = formData.get("token");
  try {
    const ip = clientIpFromHeaders(await headers());
    return { done: await run(typeof token === "string" ? token : "", ip) };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message, fieldErrors: error.fieldErrors };
    logError(error);
    return { error: "Something went wrong on our side; nothing was changed. Try again." };
  }
}
