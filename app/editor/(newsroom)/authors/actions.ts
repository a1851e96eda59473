"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { canManageAuthors } from "@/lib/auth/roles";
import { createAuthor, updateAuthor } from "@/lib/authors/commands";
import { idSchema } from "@/lib/validation/ids";

// The author profile forms. The commands validate (lib/authors/schemas.ts); the schemas here only
// shape FormData, and a refusal comes back through formAction next to the field it concerns.

const fields = {
  name: z.string().default(""),
  slug: z.string().default(""),
  title: z.string().default(""),
  bio: z.string().default(""),
  photoMediaId: z.string().default(""),
  links: z.string().default(""),
  userId: z.string().default(""),
};

export const createAuthorAction = formAction({
  can: canManageAuthors,
  schema: z.object(fields),
  run: async (data, { user, ip }) => {
    const { slug } = await createAuthor({ ...user, ip }, data);
    revalidatePath("/editor/authors");
    return { ok: `${data.name.trim()} added, at /authors/${slug}.` };
  },
});

export const updateAuthorAction = formAction({
  can: canManageAuthors,
  schema: z.object({ authorId: idSchema, ...fields }),
  run: async ({ authorId, ...data }, { user, ip }) => {
    await updateAuthor({ ...user, ip }, authorId, data);
    revalidatePath("/editor/authors", "layout");
    return { ok: "Profile saved. Its page and the stories with this byline show it now." };
  },
});
