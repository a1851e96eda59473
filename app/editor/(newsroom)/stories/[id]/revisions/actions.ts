"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { restoreRevision } from "@/lib/stories/revisions";
import { idSchema } from "@/lib/validation/ids";

export const restoreRevisionAction = formAction({
  schema: z.object({
    storyId: idSchema,
    revision: idSchema,
    baseRevision: idSchema,
  }),
  run: async (data, { user, ip }) => {
    const saved = await restoreRevision({ ...user, ip }, data.storyId, data.revision, data.baseRevision);
    revalidatePath(`/editor/stories/${data.storyId}/revisions`);
    return { ok: `Revision ${data.revision} restored as revision ${saved.revision}.` };
  },
});
