"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken, tokenLifetimeSchema } from "@/lib/auth/api-tokens";
import { formAction } from "@/lib/actions/form-action";
import { changeOwnPassword } from "@/lib/auth/people";
import { passwordSchema } from "@/lib/auth/users";
import { text } from "@/lib/validation/text";
import { idSchema } from "@/lib/validation/ids";

export const changePasswordAction = formAction({
  schema: z
    .object({ currentPassword: z.string().min(1, "Enter your current password"), newPassword: passwordSchema, confirmPassword: z.string() })
    .refine((data) => data.newPassword === data.confirmPassword, { message: "The two new passwords differ", path: ["confirmPassword"] }),
  run: async (data, { user, ip }) => {
    await changeOwnPassword(user, data.currentPassword, data.newPassword, ip);
    return { ok: "Password changed. Your API tokens are revoked; sign in again with the new password." };
  },
});

export const createTokenAction = formAction({
  schema: z.object({
    name: text().trim().min(1, "Name the token, e.g. “wire ingest”").max(80, "Use at most 80 characters"),
    expiresIn: tokenLifetimeSchema,
  }),
  run: async (data, { user, ip }) => {
    const { token } = await createApiToken(user, { name: data.name, expiresInDays: data.expiresIn }, ip);
    revalidatePath("/editor/account");
    return { ok: `Token “${data.name}” created. Copy it now: it will not be shown again.`, secret: token };
  },
});

export const revokeTokenAction = formAction({
  schema: z.object({ tokenId: idSchema }),
  run: async (data, { user, ip }) => {
    const revoked = await revokeApiToken(user, data.tokenId, ip);
    revalidatePath("/editor/account");
    return revoked ? { ok: "Token revoked." } : { error: "That token was already revoked." };
  },
});
