import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiTokenTable } from "@/components/editor/api-token-table";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { canManagePeople } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getPerson } from "@/lib/auth/users";
import { isIdText } from "@/lib/validation/ids";
import { revokePersonTokenAction } from "../actions";

// One person's API tokens, for admins: when each was made, last used and expires; revoke any.

export const metadata: Metadata = { title: "API tokens" };

export default async function PersonTokensPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(canManagePeople, `/editor/people/${id}`);
  const person = isIdText(id) ? await getPerson(Number(id)) : undefined;
  if (!person) notFound();
  const tokens = await listApiTokens(person.id);
  return (
    <>
      <p>
        <Link href="/editor/people">People</Link>
      </p>
      <h1>API tokens of {person.name}</h1>
      <p className="muted">
        {person.email} · {person.role}
        {person.disabledAt ? " · disabled" : ""}. Revoking a token stops it at once; it is recorded in the audit log.
      </p>
      <ApiTokenTable tokens={tokens} revoke={revokePersonTokenAction} />
    </>
  );
}
