// What a newsroom action answers. Commands refuse with the typed errors of lib/errors.ts.

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

