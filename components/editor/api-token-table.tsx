import type { FormState } from "@/lib/actions/errors";
import type { ApiTokenRow } from "@/lib/auth/api-tokens";
import { formatDateTime } from "@/lib/format/dates";
import { ActionForm, Field } from "./action-form";
import { DataTable, type Column } from "./data-table";

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
  const columns: Column<ApiTokenRow>[] = [
    { header: "Name", cell: (token) => token.name },
    { header: "Created", cell: (token) => when(token.createdAt, "") },
    { header: "Last used", cell: (token) => when(token.lastUsedAt, "Never") },
    { header: "Expires", cell: (token) => when(token.expiresAt, "Never") },
    {
      header: "State",
      cell: (token) =>
        token.state === "revoked" ? (
          "Revoked"
        ) : token.state === "expired" ? (
          "Expired"
        ) : (
          <ActionForm action={revoke} submitLabel={`Revoke ${token.name}`} className="inline-form" danger>
            <Field type="hidden" name="tokenId" label="" defaultValue={String(token.id)} />
          </ActionForm>
        ),
    },
  ];
  return <DataTable rows={tokens} rowKey={(token) => token.id} columns={columns} empty="No API tokens." />;
}
