"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { confirmTwoFactor, startTwoFactorSetup, turnOffTwoFactor } from "@/lib/auth/two-factor";

// Two-factor sign-in of the signed-in person (Account, and the set-up page REQUIRE_2FA sends
// admins to): these run before it is on, so they are the actions such an admin may use.

const codeSchema = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code from your app").max(20) });

function refresh() {
  revalidatePath("/editor/account");
  revalidatePath("/editor/two-factor");
}

export const startTwoFactorAction = formAction({
  beforeTwoFactor: true,
  schema: z.object({}),
  run: async (_data, { user }) => {
    await startTwoFactorSetup(user);
    refresh();
    return { ok: "Add this newsroom to your authenticator app, then enter the code it shows." };
  },
});

export const confirmTwoFactorAction = formAction({
  beforeTwoFactor: true,
  schema: codeSchema,
  run: async (data, { user, ip }) => {
    await confirmTwoFactor(user, data.code, ip);
    refresh();
    return { ok: "Two-factor sign-in is on: from now on, sign-in asks for a code after your password." };
  },
});

export const turnOffTwoFactorAction = formAction({
  schema: codeSchema,
  run: async (data, { user, ip }) => {
    await turnOffTwoFactor(user, data.code, ip);
    refresh();
    return { ok: "Two-factor sign-in is off." };
  },
});
