"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { purgeStory, restoreStory, trashStory } from "@/lib/stories/trash";
import { idSchema } from "@/lib/validation/ids";

// Moving a story to the trash, restoring it, and deleting it for good. The commands check who
// may (lib/stories/permissions.ts canTrashStory); a refusal comes back as the form's message.

const schema = z.object({ storyId: idSchema });

const refreshPages = (storyId: number) => {
  revalidatePath(`/editor/stories/${storyId}`);
  revalidatePath("/editor/trash");
};

export const trashStoryAction = formAction({
  schema,
  run: async ({ storyId }, { user, ip }) => {
    await trashStory({ ...user, ip }, storyId);
    // The story's page now shows the trash's notice in place of the editor.
    refreshPages(storyId);
    return { ok: "Moved to the trash." };
  },
});

export const restoreStoryAction = formAction({
  schema,
  run: async ({ storyId }, { user, ip }) => {
    await restoreStory({ ...user, ip }, storyId);
    refreshPages(storyId);
    // The form went with the trash's row (or notice): the story's own page says it is back.
    redirect(`/editor/stories/${storyId}?restored=1`);
  },
});

export const purgeStoryAction = formAction({
  schema,
  run: async ({ storyId }, { user, ip }) => {
    await purgeStory({ ...user, ip }, storyId);
    refreshPages(storyId);
    // Its page is gone: the trash says what happened.
    redirect("/editor/trash?purged=1");
  },
});
