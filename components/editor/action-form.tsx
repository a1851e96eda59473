"use client";

import { createContext, useActionState, useContext, useId } from "react";
import type { FormState } from "@/lib/actions/errors";
import { LabeledField } from "./field";

// A form bound to a server action: shows the action's message, and each field's error next to it.

const StateContext = createContext<FormState>({});

export function ActionForm({
  action,
  submitLabel,
  children,
  className = "editor-form",
  danger = false,
  folded,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  /** The form's own submit button; leave it out when the children bring their own buttons. */
  submitLabel?: string;
  children?: React.ReactNode;
  className?: string;
  danger?: boolean;
  /**
   * Folds the form away under this summary until opened. It comes back open with the action's
   * answer, so a refused submit's errors show without a click (with or without JavaScript).
   */
  folded?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = (
    <form action={formAction} className={className} noValidate>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.ok && (
        <p className="form-success" role="status">
          {state.ok}
        </p>
      )}
      {state.secret && (
        <p className="panel" role="status">
          Shown once: <code>{state.secret}</code>
        </p>
      )}
      {submitLabel && (
        <div>
          <button type="submit" className={`button ${danger ? "button-danger" : "button-primary"}`} disabled={pending}>
            {pending ? "Working…" : submitLabel}
          </button>
        </div>
      )}
    </form>
  );
  if (folded === undefined) return form;
  const answered = Boolean(state.error || state.ok || state.secret || state.fieldErrors);
  return (
    <details className="desk-disclosure" open={answered || undefined}>
      <summary>{folded}</summary>
      {form}
    </details>
  );
}

/** The answer of the ActionForm around a control of its own (field errors, a success). */
export const useActionFormState = (): FormState => useContext(StateContext);

export function Field({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  required,
  options,
  autoComplete,
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "textarea" | "select" | "datetime-local" | "date" | "hidden";
  defaultValue?: string;
  required?: boolean;
  options?: { value: string; label: string }[];
  autoComplete?: string;
  inputMode?: "numeric";
}) {
  const state = useContext(StateContext);
  const id = useId();
  const error = state.fieldErrors?.[name];
  // After a refused submit the form resets to these defaults: what the person typed.
  defaultValue = state.values?.[name] ?? defaultValue;
  if (type === "hidden") return <input type="hidden" name={name} value={defaultValue} />;
  // Remounted when a refused submit hands back what was typed, so selects show it too.
  const fieldKey = state.values?.[name] ?? "initial";
  const common = {
    id,
    name,
    defaultValue,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
  return (
    <LabeledField htmlFor={id} label={label} hint={hint} hintId={`${id}-hint`} error={error} errorId={`${id}-error`}>
      {type === "textarea" ? (
        <textarea {...common} key={fieldKey} />
      ) : type === "select" ? (
        <select {...common} key={fieldKey}>
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} key={fieldKey} type={type} autoComplete={autoComplete} inputMode={inputMode} />
      )}
    </LabeledField>
  );
}
