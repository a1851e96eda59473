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

const changed = (storyId: number, ok: string) => {
  revalidatePath(`/editor/stories/${storyId}`);
  revalidatePath("/editor/trash");
  return { ok };
};

export const trashStoryAction = formAction({
  schema,
  run: async ({ storyId }, { user, ip }) => {
    await trashStory({ ...user, ip }, storyId);
    return changed(storyId, "Moved to the trash.");
  },
});

export const restoreStoryAction = formAction({
  schema,
  run: async ({ storyId }, { user, ip }) => {
    const story = await restoreStory({ ...user, ip }, storyId);
    return changed(storyId, `“${story.headline}” restored.`);
  },
});

export const purgeStoryAction = formAction({
  schema,
  run: async ({ storyId }, { user, ip }) => {
    await purgeStory({ ...user, ip }, storyId);
    changed(storyId, "");
    // Its page is gone: the trash says what happened.
    redirect("/editor/trash?purged=1");
  },
});
