// The one shape of a field in the newsroom — label, hint, control, and its error next to it —
// so every form says what went wrong the same way, and screen readers hear the error with the control.

/** The error under a field; `id` is what the control's aria-describedby names. */
export function FieldError({ id, error }: { id?: string; error?: string }) {
  if (!error) return null;
  return (
    <span id={id} className="field-error">
      {error}
    </span>
  );
}

/** aria-invalid and aria-describedby for a control with an error shown under the id `errorId`. */
export const invalidProps = (error: string | undefined, errorId: string) =>
  error ? { "aria-invalid": true as const, "aria-describedby": errorId } : {};

/** A labelled control with an optional hint and error. */
export function LabeledField({
  htmlFor,
  label,
  hint,
  hintId,
  error,
  errorId,
  className = "field",
  children,
}: {
  htmlFor: string;
  label: React.ReactNode;
  hint?: string;
  hintId?: string;
  error?: string;
  errorId?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {children}
      <FieldError id={errorId} error={error} />
    </div>
  );
}
