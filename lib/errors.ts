import type { z } from "zod";

// Typed errors thrown by domain commands, turned into answers in one place: forms show them
// (lib/actions/form-action.ts), route handlers answer with their status (lib/http/route.ts).

export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = "Not found") {
    super(message, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "You do not have permission to do this.") {
    super(message, 403);
  }
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: Record<string, string>, message = "Check the highlighted fields.") {
    super(message, 422, fieldErrors);
  }
}

/** The first message for each field of a failed zod parse, as a ValidationError carries them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** `raw` as `schema` reads it, or a ValidationError with the first message for each bad field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 409, undefined, details);
  }
}

export class RateLimitError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, undefined, { retryAfter: retryAfterSeconds });
  }
}
