import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/editor/action-form";
import { DataTable, type Column } from "@/components/editor/data-table";
import { canManagePeople, NEW_PERSON_ROLE, ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { formatDateTime } from "@/lib/format/dates";
import { addPersonAction, changeRoleAction, resetPasswordAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const roleOptions = ROLES.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) }));

type Person = Awaited<ReturnType<typeof listUsers>>[number];

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
  { header: "Status", cell: (person) => (person.disabledAt ? "Disabled" : "Active") },
  { header: "Last sign-in", cell: (person) => (person.lastSignInAt ? formatDateTime(person.lastSignInAt.toISOString()) : "Never") },
  {
    header: "Actions",
    cell: (person) => (
      <>
        <ActionForm
          action={setDisabledAction}
          submitLabel={person.disabledAt ? `Enable ${person.name}` : `Disable ${person.name}`}
          className="inline-form"
          danger={!person.disabledAt}
        >
          <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />
          <Field type="hidden" name="disabled" label="" defaultValue={person.disabledAt ? "false" : "true"} />
        </ActionForm>
        <ActionForm action={resetPasswordAction} submitLabel={`Reset password of ${person.name}`} className="inline-form">
          <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />
        </ActionForm>
        <Link href={`/editor/people/${person.id}`}>API tokens of {person.name}</Link>
      </>
    ),
  },
];

export default async function PeoplePage() {
  await requireUser(canManagePeople, "/editor/people");
  const people = await listUsers();
  return (
    <>
      <h1>People</h1>
      <DataTable rows={people} rowKey={(person) => person.id} columns={columns} />

      <h2>Add a person</h2>
      <ActionForm action={addPersonAction} submitLabel="Add person">
        <Field name="name" label="Name" required />
        <Field name="email" label="E-mail" type="email" required />
        <Field name="role" label="Role" type="select" defaultValue={NEW_PERSON_ROLE} options={roleOptions} />
        <Field name="password" label="First password" type="password" hint="At least 12 characters. Tell them to change it." autoComplete="new-password" required />
      </ActionForm>
    </>
  );
}
