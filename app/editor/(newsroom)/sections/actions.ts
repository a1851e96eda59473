"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, type FormState } from "@/lib/actions/form-action";
import { DomainError } from "@/lib/errors";
import { createSection, moveSection, updateSection } from "@/lib/sections/commands";
import { idSchema } from "@/db/ids";

// The section tree's forms. The commands validate (they also serve other callers), so the schemas
// here only shape FormData; a refusal comes back as a message next to the field it concerns.

const sectionId = idSchema;
const fields = {
  name: z.string().default(""),
  slug: z.string().default(""),
  // "" is the top level in the parent select.
  parentId: z
    .string()
    .default("")
    .transform((value) => (value === "" ? null : Number(value))),
  description: z.string().default(""),
};

/** Runs a command; a domain refusal becomes the form's message, with field errors if any. */
async function answer(command: () => Promise<unknown>, ok: string): Promise<FormState> {
  try {
    await command();
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  revalidatePath("/editor/sections");
  return { ok };
}

export const createSectionAction = formAction({
  roles: ["admin"],
  schema: z.object(fields),
  run: (data, { user, ip }) => answer(() => createSection({ ...user, ip }, data), `${data.name.trim()} added.`),
});

export const updateSectionAction = formAction({
  roles: ["admin"],
  schema: z.object({ sectionId, ...fields }),
  run: ({ sectionId: id, ...data }, { user, ip }) => answer(() => updateSection({ ...user, ip }, id, data), "Section saved."),
});

export const moveSectionAction = formAction({
  roles: ["admin"],
  schema: z.object({ sectionId, direction: z.enum(["up", "down"]) }),
  run: (data, { user, ip }) => answer(() => moveSection({ ...user, ip }, data.sectionId, data.direction), "Order changed."),
});
