import { DomainError } from "@/lib/errors";

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

/** A refusal for a person to read, next to `field` when it concerns one; formAction shows it. */
export class ActionError extends DomainError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message, 422, field ? { [field]: message } : undefined);
  }
}

export { fieldErrorsOf } from "@/lib/errors";

