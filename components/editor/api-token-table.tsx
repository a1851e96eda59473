import type { FormState } from "@/lib/actions/errors";
import type { ApiTokenRow } from "@/lib/auth/api-tokens";
import { formatDateTime } from "@/lib/format/dates";
import { ActionForm, Field } from "./action-form";

// A person's API tokens — when each was made, last used and expires — with a revoke button on
// the live ones. The account page shows one's own; the people page shows anyone's to admins.

const when = (date: Date | null, otherwise: string) => (date ? formatDateTime(date.toISOString()) : otherwise);

export function ApiTokenTable({
  tokens,
  revoke,
}: {
  tokens: ApiTokenRow[];
  revoke: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  if (tokens.length === 0) return <p className="empty">No API tokens.</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td>{when(token.createdAt, "")}</td>
            <td>{when(token.lastUsedAt, "Never")}</td>
            <td>{when(token.expiresAt, "Never")}</td>
            <td>
              {token.state === "revoked" ? (
                "Revoked"
              ) : token.state === "expired" ? (
                "Expired"
              ) : (
                <ActionForm action={revoke} submitLabel={`Revoke ${token.name}`} className="inline-form" danger>
                  <Field type="hidden" name="tokenId" label="" defaultValue={String(token.id)} />
                </ActionForm>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
