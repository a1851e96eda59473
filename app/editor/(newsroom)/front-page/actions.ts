"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { canEditFrontPage } from "@/lib/auth/roles";
import { clearBanner, setBanner } from "@/lib/front-page/banner";
import { pinStory, unpinStory } from "@/lib/front-page/pins";
import { readSiteSettings } from "@/lib/settings/site";

// The front page's forms. The commands validate (lib/front-page/); these only shape FormData.

const refresh = () => revalidatePath("/editor/front-page");

export const pinStoryAction = formAction({
  can: canEditFrontPage,
  schema: z.object({ storyId: z.string().default(""), slot: z.string().default("") }),
  run: async (data, { user, ip }) => {
    await pinStory({ ...user, ip }, data);
    refresh();
    return { ok: data.slot === "lead" ? "Pinned as the lead story." : "Pinned as a top story." };
  },
});

export const unpinStoryAction = formAction({
  can: canEditFrontPage,
  schema: z.object({ storyId: z.string().default("") }),
  run: async (data, { user, ip }) => {
    await unpinStory({ ...user, ip }, data);
    refresh();
    return { ok: "Unpinned. The newest stories fill its place." };
  },
});

export const setBannerAction = formAction({
  can: canEditFrontPage,
  schema: z.object({ text: z.string().default(""), link: z.string().default(""), storyId: z.string().default(""), expiresAt: z.string().default("") }),
  run: async (data, { user, ip }) => {
    await setBanner({ ...user, ip }, data, (await readSiteSettings()).timeZone);
    refresh();
    return { ok: "The banner is up on every page." };
  },
});

export const clearBannerAction = formAction({
  can: canEditFrontPage,
  schema: z.object({}),
  run: async (_data, { user, ip }) => {
    await clearBanner({ ...user, ip });
    refresh();
    return { ok: "Banner cleared." };
  },
});
