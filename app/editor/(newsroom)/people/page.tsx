import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/editor/action-form";
import { DataTable, type Column } from "@/components/editor/data-table";
import { listPendingInvitations } from "@/lib/auth/account-links";
import { canManagePeople, NEW_PERSON_ROLE, ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { formatDateTime } from "@/lib/format/dates";
import { changeRoleAction, invitePersonAction, resetLinkAction, revokeInvitationAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const roleOptions = ROLES.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) }));

type Person = Awaited<ReturnType<typeof listUsers>>[number];
type Invitation = Awaited<ReturnType<typeof listPendingInvitations>>[number];

const columns: Column<Person>[] = [
  {
    header: "Name",
    cell: (person) => (
      <>
        {person.name}
        <br />
        <span className="muted">{person.email}</span>
      </>
    ),
  },
  {
    header: "Role",
    cell: (person) => (
      <ActionForm action={changeRoleAction} submitLabel="Change role" className="inline-form">
        <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />
        <Field type="select" name="role" label={`Role of ${person.name}`} defaultValue={person.role} options={roleOptions} />
      </ActionForm>
    ),
  },
  { header: "Status", cell: (person) => `${person.disabledAt ? "Disabled" : "Active"}${person.twoFactorOn ? " · two-factor" : ""}` },
  { header: "Last sign-in", cell: (person) => (person.lastSignInAt ? formatDateTime(person.lastSignInAt.toISOString()) : "Never") },
  {
    header: "Actions",
    cell: (person) => (
      <>
        <Link href={`/editor/people/${person.id}`}>Edit {person.name}</Link>
        <ActionForm
          action={setDisabledAction}
          submitLabel={person.disabledAt ? `Enable ${person.name}` : `Disable ${person.name}`}
          className="inline-form"
          danger={!person.disabledAt}
        >
          <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />
          <Field type="hidden" name="disabled" label="" defaultValue={person.disabledAt ? "false" : "true"} />
        </ActionForm>
        <ActionForm action={resetLinkAction} submitLabel={`Password reset link for ${person.name}`} className="inline-form">
          <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />
        </ActionForm>
      </>
    ),
  },
];

const invitationColumns: Column<Invitation>[] = [
  { header: "Name", cell: (invitation) => `${invitation.name} (${invitation.email})` },
  { header: "Role", cell: (invitation) => invitation.role },
  { header: "Link expires", cell: (invitation) => formatDateTime(invitation.expiresAt.toISOString()) },
  {
    header: "Actions",
    cell: (invitation) => (
      <ActionForm action={revokeInvitationAction} submitLabel={`Withdraw invitation of ${invitation.name}`} className="inline-form" danger>
        <Field type="hidden" name="invitationId" label="" defaultValue={String(invitation.id)} />
      </ActionForm>
    ),
  },
];

function Invitations({ pending }: { pending: Invitation[] }) {
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a person</h2>
      <p className="muted">They get a link to choose their own password: it works once, for 7 days. You send it to them.</p>
      <ActionForm action={invitePersonAction} submitLabel="Make invitation link">
        <Field name="name" label="Name" required />
        <Field name="email" label="E-mail" type="email" required />
        <Field name="role" label="Role" type="select" defaultValue={NEW_PERSON_ROLE} options={roleOptions} />
      </ActionForm>
      <h3>Pending invitations</h3>
      <DataTable rows={pending} rowKey={(invitation) => invitation.id} columns={invitationColumns} empty={<p>No pending invitations.</p>} />
    </section>
  );
}

export default async function PeoplePage() {
  await requireUser(canManagePeople, "/editor/people");
  const [people, pending] = await Promise.all([listUsers(), listPendingInvitations()]);
  return (
    <>
      <h1>People</h1>
      <Invitations pending={pending} />
      <h2>Newsroom staff</h2>
      <DataTable rows={people} rowKey={(person) => person.id} columns={columns} />
    </>
  );
}
