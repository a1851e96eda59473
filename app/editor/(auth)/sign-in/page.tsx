import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/editor/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import "../../editor.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

/** Only paths inside the newsroom: never an open redirect. */
function safeCallback(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && /^\/editor(\/[^\s]*)?$/.test(path) && !path.startsWith("//") ? path : "/editor";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main id="main" className="sign-in-page">
      <h1>{env().siteName} newsroom</h1>
      <p>Sign in to write, edit and publish.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}
