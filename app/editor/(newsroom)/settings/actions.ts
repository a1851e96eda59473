"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { canManageSite } from "@/lib/auth/roles";
import { updateSiteSettings } from "@/lib/settings/site";

// The site settings form. The command validates (lib/settings/site.ts) and leaves out what the
// environment fixes; a field the form does not show is not sent, so it stays as it was.

const optionalText = z.string().optional();

export const saveSiteSettingsAction = formAction({
  can: canManageSite,
  schema: z.object({
    name: optionalText,
    description: optionalText,
    timeZone: optionalText,
    logoMediaId: optionalText,
    commentsOpenByDefault: optionalText,
    commentsPerAddress: optionalText,
    commentsPerStory: optionalText,
  }),
  run: async (data, { user, ip }) => {
    await updateSiteSettings({ ...user, ip }, data);
    revalidatePath("/editor", "layout");
    return { ok: "Settings saved. The site shows them now." };
  },
});
