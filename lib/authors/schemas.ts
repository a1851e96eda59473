import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/stories/schemas";
import { idSchemaWith } from "@/lib/validation/ids";
import { isStorableText, text, UNSTORABLE_TEXT } from "@/lib/validation/text";
import { authorLinksSchema, linksFromLines } from "./links";

// What an author profile may hold, as the newsroom's form and any other caller send it. Blank
// optional fields read as "none": no slug (made from the name), no photo, no linked account.

export const AUTHOR_NAME_MAX = 100;
export const AUTHOR_SLUG_MAX = 60;
export const AUTHOR_BIO_MAX = 600;

const blankToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

export const authorInputSchema = z.object({
  name: z
    .string({ error: "Write a name" })
    .refine(isStorableText, UNSTORABLE_TEXT)
    .trim()
    .min(1, "Write a name")
    .max(AUTHOR_NAME_MAX, `Keep the name under ${AUTHOR_NAME_MAX} characters`),
  slug: z.preprocess(
    blankToNull,
    text()
      .trim()
      .max(AUTHOR_SLUG_MAX, `Keep the slug under ${AUTHOR_SLUG_MAX} characters`)
      .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens")
      .nullable(),
  ),
  title: text().trim().max(120, "Keep the title under 120 characters").default(""),
  bio: text().trim().max(AUTHOR_BIO_MAX, `Keep the bio under ${AUTHOR_BIO_MAX} characters`).default(""),
  photoMediaId: z.preprocess(blankToNull, idSchemaWith("Choose an image from the library").nullable()),
  // The form sends the links as lines of text; an API caller may send them as a list.
  links: z.preprocess((value) => (typeof value === "string" ? linksFromLines(value) : (value ?? [])), authorLinksSchema),
  userId: z.preprocess(blankToNull, idSchemaWith("Choose a staff account").nullable()),
});

export type AuthorInput = z.output<typeof authorInputSchema>;
