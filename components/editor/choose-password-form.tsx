import type { FormState } from "@/lib/actions/errors";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/passwords";
import { ActionForm, Field } from "./action-form";

/**
 * The form of a link an admin handed over (an invitation, a password reset): the link's token
 * and a password typed twice, sent to the link's action.
 */
export function ChoosePasswordForm({
  token,
  action,
  label,
  submitLabel,
}: {
  token: string;
  action: (state: FormState, data: FormData) => Promise<FormState>;
  /** What the password is called: "Password", "New password"; the second field is "<label> again". */
  label: string;
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} className="editor-form sign-in-form">
      <Field name="token" label="" type="hidden" defaultValue={token} />
      <Field name="password" label={label} type="password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} autoComplete="new-password" required />
      <Field name="confirmPassword" label={`${label} again`} type="password" autoComplete="new-password" required />
    </ActionForm>
  );
}
