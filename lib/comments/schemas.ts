import { z } from "zod";
import { displayName } from "@/lib/validation/display-name";
import { text } from "@/lib/validation/text";
import { idSchemaWith } from "@/lib/validation/ids";

// What a reader sends to post a comment, from the article's form (form-encoded) or any client (JSON).

export const COMMENT_MAX_LENGTH = 5000;

export const commentInputSchema = z.object({
  name: displayName().min(1, "Enter your name").max(80, "Keep your name under 80 characters"),
  email: z
    .string()
    .trim()
    .max(200, "Keep the e-mail address under 200 characters")
    .email("Enter a valid e-mail address, or leave it empty")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  body: text().trim().min(1, "Write your comment").max(COMMENT_MAX_LENGTH, `Keep your comment under ${COMMENT_MAX_LENGTH.toLocaleString("en")} characters`),
  parentId: idSchemaWith("Reply to an existing comment")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, "Send an idempotency key of 8 to 100 letters, digits, _ or -")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The form's signed load time (see lib/comments/form-token.ts). */
  formToken: text().max(200).optional(),
  /** The honeypot: people never see or fill it. */
  website: text().max(2000).optional(),
});

export type CommentInput = z.output<typeof commentInputSchema>;
