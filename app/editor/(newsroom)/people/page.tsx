import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/editor/action-form";
import { canManagePeople, NEW_PERSON_ROLE, ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { formatDateTime } from "@/lib/format/dates";
import { addPersonAction, changeRoleAction, resetPasswordAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const roleOptions = ROLES.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) }));

export default async function PeoplePage() {
  await requireUser(canManagePeople, "/editor/people");
  const people = await listUsers();
  return (
    <>
      <h1>People</h1>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <td>
                {person.name}
                <br />
                <span className="muted">{person.email}</span>
              </td>
              <td>
                <ActionForm action={changeRoleAction} submitLabel="Change role" className="inline-form">
                  <Field type="hidden" name="userId" label="" defaultValue={String(person.id)} />
                  <Field type="select" name="role" label={`Role of ${person.name}`} defaultValue={person.role} options={roleOptions} />
                </ActionForm>
              </td>
              <td>{person.disabledAt ? "Disabled" : "Active"}</td>
              <td>{person.lastSignInAt ? formatDateTime(person.lastSignInAt.toISOString()) : "Never"}</td>
              <td>
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>

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
