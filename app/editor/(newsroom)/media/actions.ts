"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { deleteMedia } from "@/lib/media/delete";
import { idSchema } from "@/lib/validation/ids";

// Deleting an image from the library. The command refuses (409) while anything uses it, and says where.

export const deleteMediaAction = formAction({
  schema: z.object({ mediaId: idSchema }),
  run: async ({ mediaId }, { user, ip }) => {
    await deleteMedia({ ...user, ip }, mediaId);
    revalidatePath("/editor/media");
    // The image's page is gone: the library says what happened.
    redirect("/editor/media?deleted=1");
  },
});
