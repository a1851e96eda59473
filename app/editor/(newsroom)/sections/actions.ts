"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { canManageSections } from "@/lib/auth/roles";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { createSection, deleteSection, moveSection, updateSection } from "@/lib/sections/commands";
import { idSchema, idSchemaWith } from "@/lib/validation/ids";

// The section tree's forms. The commands validate (they also serve other callers), so the schemas
// here only shape FormData; a refusal (a DomainError) comes back through formAction as a message
// next to the field it concerns.

const sectionId = idSchema;
const fields = {
  name: z.string().default(""),
  slug: z.string().default(""),
  // "" is the top level in the parent select.
  parentId: z.preprocess((value) => (value === "" || value === undefined ? null : value), idSchemaWith("Choose a parent section").nullable()),
  description: z.string().default(""),
};

const changed = (ok: string) => {
  revalidatePath("/editor/sections");
  return { ok };
};

export const createSectionAction = formAction({
  can: canManageSections,
  schema: z.object(fields),
  run: async (data, { user, ip }) => {
    await createSection({ ...user, ip }, data);
    return changed(`${data.name.trim()} added.`);
  },
});

export const updateSectionAction = formAction({
  can: canManageSections,
  schema: z.object({ sectionId, ...fields }),
  run: async ({ sectionId: id, ...data }, { user, ip }) => {
    await updateSection({ ...user, ip }, id, data);
    return changed("Section saved.");
  },
});

export const moveSectionAction = formAction({
  can: canManageSections,
  schema: z.object({ sectionId, direction: z.enum(["up", "down"]) }),
  run: async (data, { user, ip }) => {
    await moveSection({ ...user, ip }, data.sectionId, data.direction);
    return changed("Order changed.");
  },
});

export const deleteSectionAction = formAction({
  can: canManageSections,
  schema: z.object({ sectionId }),
  run: async (data, { user, ip }) => {
    const { path } = await deleteSection({ ...user, ip }, data.sectionId);
    revalidatePath("/editor/sections");
    // The form went with the section: the page says what happened.
    redirect(`/editor/sections?deleted=${encodeURIComponent(path)}`);
  },
});
