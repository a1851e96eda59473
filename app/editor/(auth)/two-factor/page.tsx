import { readSiteSettings } from "@/lib/settings/site";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TwoFactorPanel } from "@/components/editor/two-factor-panel";
import { getCurrentUser, TWO_FACTOR_SETUP_PATH } from "@/lib/auth/session";
import { mustSetUpTwoFactor, twoFactorState } from "@/lib/auth/two-factor";
import { confirmTwoFactorAction, startTwoFactorAction, turnOffTwoFactorAction } from "./actions";
import "../../editor.css";

// GET /editor/two-factor – where REQUIRE_2FA sends an admin without two-factor sign-in before
// anything else in the newsroom (outside the newsroom's layout, which would send them here again).

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Set up two-factor sign-in", robots: { index: false, follow: false } };

export default async function TwoFactorSetupPage() {
  const user = await getCurrentUser();
  if (!user) redirect(`/editor/sign-in?callbackUrl=${encodeURIComponent(TWO_FACTOR_SETUP_PATH)}`);
  const [required, state] = await Promise.all([mustSetUpTwoFactor(user), twoFactorState(user)]);
  return (
    <main id="main" className="sign-in-page">
      <h1>{(await readSiteSettings()).name} newsroom: two-factor sign-in</h1>
      {required && <p>This newsroom requires two-factor sign-in of admins. Set it up to continue.</p>}
      <TwoFactorPanel state={state} actions={{ start: startTwoFactorAction, confirm: confirmTwoFactorAction, turnOff: turnOffTwoFactorAction }} />
      {!required && (
        <p>
          <Link href="/editor">Go to the newsroom</Link>
        </p>
      )}
    </main>
  );
}
