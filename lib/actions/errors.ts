import type { z } from "zod";

// What a newsroom action answers, and the error a command throws for a person to read.

export interface FormState {
  ok?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Anything the form should show once, such as a generated password. */
  secret?: string;
  /** What was submitted (never passwords), so a refused form keeps what the person typed. */
  values?: Record<string, string>;
}

export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !/password|token/i.test(name) && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

export class ActionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

