import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/editor/action-form";
import { newsroomPath } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";
import type { SearchParams } from "@/lib/http/search-params";
import { signInCodeAction } from "../actions";
import "../../../editor.css";

// The second step of signing in, for an account with two-factor sign-in: the code from the app.
// The action checks that the password step passed (a short-lived cookie); this page only asks.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Two-factor code", robots: { index: false, follow: false } };

export default async function SignInCodePage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = newsroomPath((await searchParams).callbackUrl, env().siteUrl);
  return (
    <main id="main" className="sign-in-page">
      <h1>{(await readSiteSettings()).name} newsroom</h1>
      <p>Enter the 6-digit code your authenticator app shows for this newsroom.</p>
      <ActionForm action={signInCodeAction} submitLabel="Sign in" className="editor-form sign-in-form">
        <Field name="code" label="Code" autoComplete="one-time-code" inputMode="numeric" required />
        <Field name="callbackUrl" label="" type="hidden" defaultValue={callbackUrl} />
      </ActionForm>
      <p>
        <Link href="/editor/sign-in">Start again</Link>
      </p>
    </main>
  );
}
