import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/editor/action-form";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { formatDateTime } from "@/lib/format/dates";
import { changePasswordAction, createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser(undefined, "/editor/account");
  const tokens = await listApiTokens(user.id);
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

      <h2>API tokens</h2>
      <p className="muted">
        For scripts and wire ingest: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/admin/…</code>. A token acts
        with your role.
      </p>
      {tokens.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{formatDateTime(token.createdAt.toISOString())}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt.toISOString()) : "Never"}</td>
                <td>
                  {token.revokedAt ? (
                    "Revoked"
                  ) : (
                    <ActionForm action={revokeTokenAction} submitLabel={`Revoke ${token.name}`} className="inline-form" danger>
                      <Field type="hidden" name="tokenId" label="" defaultValue={String(token.id)} />
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionForm action={createTokenAction} submitLabel="Create token">
        <Field name="name" label="Token name" hint="What it is for, e.g. “wire ingest”." required />
      </ActionForm>
    </>
  );
}
