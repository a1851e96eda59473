import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, Field } from "@/components/editor/action-form";
import { ApiTokenTable } from "@/components/editor/api-token-table";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { canManagePeople } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { hasTwoFactor } from "@/lib/auth/two-factor";
import { getPerson } from "@/lib/auth/users";
import { isIdText } from "@/lib/validation/ids";
import { resetTwoFactorAction, revokePersonTokenAction, updatePersonAction } from "../actions";

// One person, for admins: their name and e-mail address, two-factor sign-in (turned off here
// for someone who lost their app), and their API tokens (when each was made, last used and
// expires; revoke any).

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(canManagePeople, `/editor/people/${id}`);
  const person = isIdText(id) ? await getPerson(Number(id)) : undefined;
  if (!person) notFound();
  const [tokens, twoFactorOn] = await Promise.all([listApiTokens(person.id), hasTwoFactor(person.id)]);
  const userId = <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />;
  return (
    <>
      <p>
        <Link href="/editor/people">People</Link>
      </p>
      <h1>{person.name}</h1>
      <p className="muted">
        {person.email} · {person.role}
        {person.disabledAt ? " · disabled" : ""}
      </p>
      <h2>Name and e-mail</h2>
      <ActionForm action={updatePersonAction} submitLabel="Save name and e-mail">
        {userId}
        <Field name="name" label="Name" defaultValue={person.name} required />
        <Field name="email" label="E-mail" type="email" defaultValue={person.email} hint="They sign in with it." required />
      </ActionForm>
      <h2>Two-factor sign-in</h2>
      {twoFactorOn ? (
        <ActionForm action={resetTwoFactorAction} submitLabel={`Turn off two-factor sign-in of ${person.name}`} danger>
          {userId}
          <p>On. Turn it off only for someone who lost their app: their sessions end, and they can set it up again under Account.</p>
        </ActionForm>
      ) : (
        <p>Off. They can turn it on under Account.</p>
      )}
      <h2>API tokens of {person.name}</h2>
      <p className="muted">Revoking a token stops it at once; it is recorded in the audit log.</p>
      <ApiTokenTable tokens={tokens} revoke={revokePersonTokenAction} />
    </>
  );
}
