import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/editor/action-form";
import { requireUser } from "@/lib/auth/session";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser(undefined, "/editor/account");
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
    </>
  );
}
