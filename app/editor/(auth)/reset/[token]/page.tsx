import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChoosePasswordForm } from "@/components/editor/choose-password-form";
import { findOpenLink } from "@/lib/auth/account-links";
import { resetPasswordAction } from "./actions";
import "../../../editor.css";

// GET /editor/reset/<token> – a password reset link an admin handed over: choose a new password.
// The token is the permission; a link that no longer works answers 404 with a page saying so.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New password", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findOpenLink(token, "password_reset");
  if (!link) notFound();
  return (
    <main id="main" className="sign-in-page">
      <h1>{(await readSiteSettings()).name} newsroom: new password</h1>
      <p>
        Choose a new password for <strong>{link.email}</strong>. Your open sessions and API tokens end when you save it.
      </p>
      <ChoosePasswordForm token={token} action={resetPasswordAction} label="New password" submitLabel="Set new password" />
    </main>
  );
}
