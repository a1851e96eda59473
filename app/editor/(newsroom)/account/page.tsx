import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/editor/action-form";
import { ApiTokenTable } from "@/components/editor/api-token-table";
import { TwoFactorPanel } from "@/components/editor/two-factor-panel";
import { twoFactorState } from "@/lib/auth/two-factor";
import { requireUser } from "@/lib/auth/session";
import { DEFAULT_TOKEN_LIFETIME, listApiTokens } from "@/lib/auth/api-tokens";
import { confirmTwoFactorAction, startTwoFactorAction, turnOffTwoFactorAction } from "../../(auth)/two-factor/actions";
import { changePasswordAction, createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

const lifetimeOptions = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "never", label: "Never" },
];

export default async function AccountPage() {
  const user = await requireUser(undefined, "/editor/account");
  const [tokens, twoFactor] = await Promise.all([listApiTokens(user.id), twoFactorState(user)]);
  return (
    <>
      <h1>Account</h1>
      <p>
        {user.name} · {user.email} · {user.role}
      </p>
      <h2>Change your password</h2>
      <ActionForm action={changePasswordAction} submitLabel="Change password">
        <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required />
        <Field name="newPassword" label="New password" type="password" hint="At least 12 characters." autoComplete="new-password" required />
        <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required />
      </ActionForm>

      <h2>Two-factor sign-in</h2>
      <TwoFactorPanel state={twoFactor} actions={{ start: startTwoFactorAction, confirm: confirmTwoFactorAction, turnOff: turnOffTwoFactorAction }} />

      <h2>API tokens</h2>
      <p className="muted">
        For scripts and wire ingest: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/admin/…</code>. A token acts
        with your role. Changing your password, a password reset, a lower role or a disabled account revokes them all.
      </p>
      <ApiTokenTable tokens={tokens} revoke={revokeTokenAction} />
      <ActionForm action={createTokenAction} submitLabel="Create token">
        <Field name="name" label="Token name" hint="What it is for, e.g. “wire ingest”." required />
        <Field name="expiresIn" label="Expires" type="select" defaultValue={String(DEFAULT_TOKEN_LIFETIME)} options={lifetimeOptions} />
      </ActionForm>
    </>
  );
}
