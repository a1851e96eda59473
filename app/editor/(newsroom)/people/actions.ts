"use server";

import { revalidatePath } from "next/cache";
import { canManagePeople, ROLES } from "@/lib/auth/roles";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { addPerson, changeRole, resetPassword, setDisabled } from "@/lib/auth/people";
import { newUserSchema } from "@/lib/auth/users";
import { idSchema } from "@/lib/validation/ids";

const userId = idSchema;
const role = z.enum(ROLES);

export const addPersonAction = formAction({
  can: canManagePeople,
  schema: newUserSchema,
  run: async (data, { user, ip }) => {
    // A taken e-mail is refused (EmailTakenError) next to the e-mail field.
    await addPerson(user, data, ip);
    revalidatePath("/editor/people");
    return { ok: `${data.name} can now sign in as ${data.role}.` };
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

export const resetPasswordAction = formAction({
  can: canManagePeople,
  schema: z.object({ userId }),
  run: async (data, { user, ip }) => {
    const password = await resetPassword(user, data.userId, ip);
    return { ok: "Password reset; their sessions and API tokens have ended. Give them this password; it will not be shown again.", secret: password };
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
