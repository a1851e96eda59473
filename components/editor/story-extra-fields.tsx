"use client";

import { FieldError, LabeledField } from "./field";
import { RelatedPicker, type PickedStory } from "./related-picker";

/** Related stories, listed after the body: pick by headline, remove. */
export function RelatedStoriesField({
  storyId,
  related,
  disabled,
  error,
  onChange,
}: {
  storyId: number | null;
  related: PickedStory[];
  disabled: boolean;
  error?: string;
  onChange: (related: PickedStory[]) => void;
}) {
  return (
    <fieldset className="field">
      <legend>Related stories</legend>
      {related.length > 0 && (
        <ol className="picked-list">
          {related.map((story) => (
            <li key={story.id}>
              {story.headline}{" "}
              <button type="button" className="link-button" onClick={() => onChange(related.filter((r) => r.id !== story.id))} disabled={disabled}>
                Remove<span className="visually-hidden"> {story.headline}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {!disabled && (
        <RelatedPicker
          excludeId={storyId}
          label="Add a related story"
          onPick={(picked) => {
            if (!related.some((r) => r.id === picked.id)) onChange([...related, picked]);
          }}
        />
      )}
      <FieldError error={error} />
    </fieldset>
  );
}

/** SEO overrides and whether comments are open. */
export function SeoFields({
  story,
  disabled,
  onChange,
}: {
  story: { seoTitle: string; seoDescription: string; commentsOpen: boolean };
  disabled: boolean;
  onChange: (patch: { seoTitle?: string; seoDescription?: string; commentsOpen?: boolean }) => void;
}) {
  return (
    <details className="field">
      <summary>Search engines and comments</summary>
      <LabeledField htmlFor="seoTitle" label="SEO title" hint="Leave empty to use the headline.">
        <input id="seoTitle" type="text" value={story.seoTitle} maxLength={120} disabled={disabled} onChange={(event) => onChange({ seoTitle: event.target.value })} />
      </LabeledField>
      <LabeledField htmlFor="seoDescription" label="SEO description" hint="Leave empty to use the deck.">
        <textarea
          id="seoDescription"
          value={story.seoDescription}
          maxLength={300}
          rows={2}
          disabled={disabled}
          onChange={(event) => onChange({ seoDescription: event.target.value })}
        />
      </LabeledField>
      <label className="checkbox">
        <input type="checkbox" checked={story.commentsOpen} disabled={disabled} onChange={(event) => onChange({ commentsOpen: event.target.checked })} /> Comments open
      </label>
    </details>
  );
}
