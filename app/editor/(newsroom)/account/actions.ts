"use server";

import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { changeOwnPassword } from "@/lib/auth/people";
import { passwordSchema } from "@/lib/auth/users";

export const changePasswordAction = formAction({
  schema: z
    .object({ currentPassword: z.string().min(1, "Enter your current password"), newPassword: passwordSchema, confirmPassword: z.string() })
    .refine((data) => data.newPassword === data.confirmPassword, { message: "The two new passwords differ", path: ["confirmPassword"] }),
  run: async (data, { user, ip }) => {
    await changeOwnPassword(user, data.currentPassword, data.newPassword, ip);
    return { ok: "Password changed. Sign in again with the new password." };
  },
});
