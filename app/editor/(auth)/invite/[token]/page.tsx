import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChoosePasswordForm } from "@/components/editor/choose-password-form";
import { findOpenLink } from "@/lib/auth/account-links";
import { acceptInvitationAction } from "./actions";
import "../../../editor.css";

// GET /editor/invite/<token> – an invitation an admin handed over: the invitee chooses a password.
// The token is the permission; a link that no longer works answers 404 with a page saying so.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findOpenLink(token, "invitation");
  if (!invitation) notFound();
  return (
    <main id="main" className="sign-in-page">
      <h1>Join the {(await readSiteSettings()).name} newsroom</h1>
      <p>
        Welcome, {invitation.name}. You are invited as {invitation.role} and will sign in as <strong>{invitation.email}</strong>. Choose
        a password to finish.
      </p>
      <ChoosePasswordForm token={token} action={acceptInvitationAction} label="Password" submitLabel="Join the newsroom" />
    </main>
  );
}
