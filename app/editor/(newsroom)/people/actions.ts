"use server";

import { revalidatePath } from "next/cache";
import { canManagePeople, ROLES } from "@/lib/auth/roles";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { createInvitation, createPasswordResetLink, invitationSchema, revokeInvitation } from "@/lib/auth/account-links";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { changeRole, personDetailsSchema, setDisabled, updatePerson } from "@/lib/auth/people";
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format/dates";
import { idSchema } from "@/lib/validation/ids";

const userId = idSchema;
const role = z.enum(ROLES);

export const invitePersonAction = formAction({
  can: canManagePeople,
  schema: invitationSchema,
  run: async (data, { user, ip }) => {
    // A taken e-mail is refused (EmailTakenError) next to the e-mail field.
    const { token, expiresAt } = await createInvitation(user, data, ip);
    revalidatePath("/editor/people");
    const until = formatDateTime(expiresAt.toISOString());
    return { ok: `Invitation for ${data.name} (${data.role}) made. Send them this link: it works once, until ${until}.`, secret: `${env().siteUrl}/editor/invite/${token}` };
  },
});

export const revokeInvitationAction = formAction({
  can: canManagePeople,
  schema: z.object({ invitationId: idSchema }),
  run: async (data, { user, ip }) => {
    const revoked = await revokeInvitation(user, data.invitationId, ip);
    revalidatePath("/editor/people");
    return revoked ? { ok: "Invitation withdrawn." } : { error: "That invitation was already used, withdrawn or expired." };
  },
});

export const updatePersonAction = formAction({
  can: canManagePeople,
  schema: personDetailsSchema.extend({ userId }),
  run: async (data, { user, ip }) => {
    await updatePerson(user, data.userId, { name: data.name, email: data.email }, ip);
    revalidatePath("/editor/people", "layout");
    return { ok: "Saved." };
  },
});

export const changeRoleAction = formAction({
  can: canManagePeople,
  schema: z.object({ userId, role }),
  run: async (data, { user, ip }) => {
    await changeRole(user, data.userId, data.role, ip);
    revalidatePath("/editor/people");
    return { ok: "Role changed. Their open sessions have ended (and their API tokens, if it is a lower role)." };
  },
});

export const setDisabledAction = formAction({
  can: canManagePeople,
  schema: z.object({ userId, disabled: z.enum(["true", "false"]) }),
  run: async (data, { user, ip }) => {
    await setDisabled(user, data.userId, data.disabled === "true", ip);
    revalidatePath("/editor/people");
    return { ok: data.disabled === "true" ? "Account disabled; its sessions and API tokens have ended." : "Account enabled." };
  },
});

export const resetLinkAction = formAction({
  can: canManagePeople,
  schema: z.object({ userId }),
  run: async (data, { user, ip }) => {
    const { token, expiresAt } = await createPasswordResetLink(user, data.userId, ip);
    const until = formatDateTime(expiresAt.toISOString());
    return {
      ok: `Password reset link made. Give it to them: it works once, until ${until}. Using it ends their sessions and API tokens.`,
      secret: `${env().siteUrl}/editor/reset/${token}`,
    };
  },
});

export const resetTwoFactorAction = formAction({
  can: canManagePeople,
  schema: z.object({ userId }),
  run: async (data, { user, ip }) => {
    const done = await resetTwoFactor(user, data.userId, ip);
    revalidatePath("/editor/people", "layout");
    return done ? { ok: "Two-factor sign-in turned off; their sessions have ended." } : { error: "Two-factor sign-in was already off." };
  },
});

export const revokePersonTokenAction = formAction({
  can: canManagePeople,
  schema: z.object({ tokenId: idSchema }),
  run: async (data, { user, ip }) => {
    const revoked = await revokeApiToken(user, data.tokenId, ip);
    revalidatePath("/editor/people", "layout");
    return revoked ? { ok: "Token revoked." } : { error: "That token was already revoked." };
  },
});
