import { Field } from "./action-form";
import { MAX_REPEATS } from "@/lib/live/schemas";

// A show's fields on the live desk, the same in the form that adds one and the one that edits it;
// times on the site's clock (app/editor/(newsroom)/live/actions.ts reads them so).

export function ShowFields({
  kind,
  timeZone,
  values,
}: {
  /** "Video" or "Audio": each stream's fields are named for it, as two forms share a page. */
  kind: string;
  timeZone: string;
  values: { title?: string; description?: string; startsAt: string; endsAt: string };
}) {
  return (
    <>
      <Field name="title" label={`${kind} show title`} defaultValue={values.title} required />
      <Field name="description" label={`${kind} show description`} type="textarea" defaultValue={values.description} />
      <div className="field-row">
        <Field name="startsAt" label={`${kind} show starts`} type="datetime-local" hint={`Site time (${timeZone}).`} defaultValue={values.startsAt} required />
        <Field name="endsAt" label={`${kind} show ends`} type="datetime-local" hint="At most 24 hours after it starts." defaultValue={values.endsAt} required />
      </div>
    </>
  );
}

/** Repeat a new show every day or week, a number of times or until a day, as separate shows. */
export function RepeatFields({ kind }: { kind: string }) {
  return (
    <fieldset className="field">
      <legend>Repeat</legend>
      <div className="field-row">
        <Field
          name="every"
          label={`${kind} show repeats`}
          type="select"
          defaultValue=""
          options={[
            { value: "", label: "Does not repeat" },
            { value: "daily", label: "Every day" },
            { value: "weekly", label: "Every week" },
          ]}
        />
        <Field name="times" label={`${kind} shows in all`} hint={`2 to ${MAX_REPEATS}, the first included.`} inputMode="numeric" />
        <Field name="until" label={`${kind} show repeats until`} type="date" hint="Or the last day, instead of a number." />
      </div>
    </fieldset>
  );
}
