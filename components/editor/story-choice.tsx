"use client";

import { useId, useState } from "react";
import { useActionFormState } from "./action-form";
import { FieldError } from "./field";
import { RelatedPicker, type PickedStory } from "./related-picker";

/**
 * One story chosen with the headline search, inside an ActionForm: sent as the hidden field
 * `name`, its error shown next to it. Emptied after a successful save.
 */
export function StoryChoice({ name, legend, hint }: { name: string; legend: string; hint?: string }) {
  const id = useId();
  const state = useActionFormState();
  const [chosen, setChosen] = useState<PickedStory | null>(null);
  const [searching, setSearching] = useState(false);
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.ok) setChosen(null);
  }
  const error = state.fieldErrors?.[name];
  return (
    <fieldset className="field" aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input type="hidden" name={name} value={chosen ? String(chosen.id) : ""} />
      {chosen ? (
        <p>
          <strong>{chosen.headline}</strong>{" "}
          <button type="button" className="link-button" onClick={() => setChosen(null)}>
            Remove<span className="visually-hidden"> {chosen.headline}</span>
          </button>
        </p>
      ) : searching ? (
        <RelatedPicker
          excludeId={null}
          label="Search headlines"
          onPick={(story) => {
            setChosen(story);
            setSearching(false);
          }}
          onClose={() => setSearching(false)}
        />
      ) : (
        <p>
          <button type="button" className="button" onClick={() => setSearching(true)}>
            Choose a story
          </button>
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
