import { z } from "zod";
import { yesNo } from "@/lib/validation/boolean";
import { text } from "@/lib/validation/text";
import { storyDocumentSchema } from "./document";
import { idSchema } from "@/lib/validation/ids";
import { slugify } from "@/lib/format/slug";

// What the editor and the admin API send to save a story. Ids may arrive as strings (forms) and
// are coerced; a yes/no may arrive as text too, and only the words that mean yes or no are read.

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const id = idSchema;

export const storyInputSchema = z
  .object({
    headline: text().trim().min(1, "Write a headline").max(200, "Keep the headline under 200 characters"),
    deck: text().trim().max(400, "Keep the deck under 400 characters").default(""),
    slug: z
      .string()
      .trim()
      .max(80, "Keep the slug under 80 characters")
      .regex(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    sectionId: id.describe("section"),
    tags: z.array(text().trim().min(1).max(60, "Keep each tag under 60 characters")).max(12, "Use at most 12 tags").default([]),
    authorIds: z.array(id).min(1, "Add at least one byline").max(6, "Use at most 6 bylines"),
    heroMediaId: id.nullable().default(null),
    heroAlt: text().trim().max(500).default(""),
    heroCaption: text().trim().max(500).default(""),
    heroCredit: text().trim().max(200).default(""),
    body: storyDocumentSchema,
    relatedIds: z.array(id).max(8, "Use at most 8 related stories").default([]),
    seoTitle: text().trim().max(120).default(""),
    seoDescription: text().trim().max(300).default(""),
    commentsOpen: yesNo("Choose whether comments are open (true or false)").default(true),
  })
  .superRefine((data, context) => {
    if (data.heroMediaId !== null && !data.heroAlt) {
      context.addIssue({ code: "custom", path: ["heroAlt"], message: "Describe the image for people who cannot see it" });
    }
  });

export type StoryInput = z.output<typeof storyInputSchema>;

/**
 * A story's tags as they are stored: one per slug, in the order first written, under the last
 * spelling given; names with no letters or digits dropped.
 */
export function storedTags(names: string[]): [slug: string, name: string][] {
  return [...new Map(names.map((name) => [slugify(name), name])).entries()].filter(([slug]) => slug);
}
