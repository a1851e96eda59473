import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActionForm, Field } from "@/components/editor/action-form";
import { newsroomPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import type { SearchParams } from "@/lib/http/search-params";
import { signInAction } from "./actions";
import "../../editor.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

const NOTICES: Record<string, string> = {
  again: "That took too long, or the account changed: sign in again.",
  "password-set": "Your new password is set. Sign in with it.",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = newsroomPath(params.callbackUrl, env().siteUrl);
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  // Never back to this page itself: a signed-in visitor would go round in circles.
  if (await getCurrentUser()) redirect(callbackUrl.startsWith("/editor/sign-in") ? "/editor" : callbackUrl);
  return (
    <main id="main" className="sign-in-page">
      <h1>{(await readSiteSettings()).name} newsroom</h1>
      <p>Sign in to write, edit and publish.</p>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      <ActionForm action={signInAction} submitLabel="Sign in" className="editor-form sign-in-form">
        <Field name="email" label="E-mail" type="email" autoComplete="username" required />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required />
        <Field name="callbackUrl" label="" type="hidden" defaultValue={callbackUrl} />
      </ActionForm>
    </main>
  );
}
