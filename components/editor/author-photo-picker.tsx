"use client";

/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */

import { useId, useState } from "react";
import { useActionFormState } from "./action-form";
import { FieldError } from "./field";
import type { MediaItem } from "./hero-picker";
import { MediaChoices } from "./media-choices";
import { MediaUpload } from "./media-upload";

/**
 * An author's photo (or another image: the site's logo) inside an ActionForm: chosen from the media library or uploaded here, sent
 * as the hidden field `photoMediaId`. `resetOnSave` empties it after a successful save (the form
 * that adds authors starts again blank).
 */
export function AuthorPhotoPicker({
  initial,
  resetOnSave = false,
  field = "photoMediaId",
  legend = "Photo",
}: {
  initial: MediaItem | null;
  resetOnSave?: boolean;
  /** The hidden field's name, and the legend, when it picks another image (the site's logo). */
  field?: string;
  legend?: string;
}) {
  const id = useId();
  const state = useActionFormState();
  const [chosen, setChosen] = useState(initial);
  const [answered, setAnswered] = useState(state);
  const [browsing, setBrowsing] = useState(false);
  if (state !== answered) {
    setAnswered(state);
    if (state.ok && resetOnSave) setChosen(null);
  }
  const error = state.fieldErrors?.[field];
  return (
    <fieldset className="field hero-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <input type="hidden" name={field} value={chosen ? String(chosen.id) : ""} />
      {chosen ? (
        <div className="hero-chosen">
          <img src={chosen.thumb ?? chosen.src} alt={`Chosen ${legend.toLowerCase()}: ${chosen.alt}`} width={160} height={90} />
          <button type="button" className="link-button" onClick={() => setChosen(null)}>
            Remove {legend.toLowerCase()}
          </button>
        </div>
      ) : (
        <p className="muted">No {legend.toLowerCase()}. Upload one, or choose one from the library.</p>
      )}
      <FieldError id={`${id}-error`} error={error} />
      <details>
        <summary>Upload a new photo</summary>
        <MediaUpload onUploaded={setChosen} />
      </details>
      <details onToggle={(event) => setBrowsing(event.currentTarget.open)}>
        <summary>Choose from the media library</summary>
        {browsing && <MediaChoices chosenId={chosen?.id ?? null} onChoose={setChosen} label={legend === "Photo" ? "Photos in the media library" : `Images for the ${legend.toLowerCase()}`} />}
      </details>
    </fieldset>
  );
}
