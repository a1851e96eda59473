"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { deleteMedia } from "@/lib/media/delete";
import { updateMediaDetails } from "@/lib/media/edit";
import { idSchema } from "@/lib/validation/ids";

// Editing an image's alt text, caption and credit, and deleting it from the library. Deleting is
// refused (409) while anything uses it, and says where.

export const updateMediaDetailsAction = formAction({
  // The words are read by the command, with the upload's rules, and refused next to their fields.
  schema: z.object({ mediaId: idSchema, alt: z.unknown(), caption: z.unknown(), credit: z.unknown() }),
  run: async ({ mediaId, alt, caption, credit }, { user, ip }) => {
    await updateMediaDetails({ ...user, ip }, mediaId, { alt, caption, credit });
    revalidatePath("/editor/media");
    revalidatePath(`/editor/media/${mediaId}`);
    return { ok: "Saved. The pages that show this image are refreshed." };
  },
});

export const deleteMediaAction = formAction({
  schema: z.object({ mediaId: idSchema }),
  run: async ({ mediaId }, { user, ip }) => {
    await deleteMedia({ ...user, ip }, mediaId);
    revalidatePath("/editor/media");
    // The image's page is gone: the library says what happened.
    redirect("/editor/media?deleted=1");
  },
});
