"use client";

import { useEffect, useRef, type Dispatch } from "react";
import { LabeledField, invalidProps } from "./field";
import type { DraftEvent, StoryDraft } from "./story-draft";

// The story's own text fields — headline and deck in the main column; slug, section and tags in
// the side panel — each with its error from the last save. The headline writes the slug until
// the slug is typed by hand (story-draft.ts).

type Props = { draft: StoryDraft; dispatch: Dispatch<DraftEvent>; sections: { id: number; path: string }[]; disabled: boolean };

// Story fields are named by their id, so the error of "slug" is "slug-error".
const fieldOf = (draft: StoryDraft) => (name: string) => ({ htmlFor: name, error: draft.fieldErrors[name], errorId: `${name}-error` });
const controlOf = (draft: StoryDraft, disabled: boolean) => (name: string) => ({ id: name, disabled, ...invalidProps(draft.fieldErrors[name], `${name}-error`) });

/** Headline and deck, set large at the top of the main column; `autoFocus` for a new story. */
export function StoryTextFields({ draft, dispatch, disabled, autoFocus }: Omit<Props, "sections"> & { autoFocus: boolean }) {
  const { story } = draft;
  const field = fieldOf(draft);
  const control = controlOf(draft, disabled);
  const headline = useRef<HTMLInputElement>(null);
  // After the router has placed the page (it moves focus and scroll on client navigations).
  useEffect(() => {
    if (autoFocus) headline.current?.focus();
    // Once, when the story opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <LabeledField label="Headline" className="field headline-field" {...field("headline")}>
        <input
          type="text"
          value={story.headline}
          maxLength={200}
          ref={headline}
          onChange={(event) => dispatch({ type: "edit-headline", headline: event.target.value })}
          {...control("headline")}
        />
      </LabeledField>
      <LabeledField label="Deck" className="field deck-field" {...field("deck")}>
        <textarea value={story.deck} maxLength={400} rows={2} onChange={(event) => dispatch({ type: "edit", patch: { deck: event.target.value } })} {...control("deck")} />
      </LabeledField>
    </>
  );
}

/** Where the story lives: its section and slug. */
export function StoryPlacementFields({ draft, dispatch, sections, disabled }: Props) {
  const { story } = draft;
  const field = fieldOf(draft);
  const control = controlOf(draft, disabled);
  return (
    <>
      <div className="field-row">
        <LabeledField label="Slug" {...field("slug")}>
          <input type="text" value={story.slug} maxLength={80} onChange={(event) => dispatch({ type: "edit-slug", slug: event.target.value })} {...control("slug")} />
        </LabeledField>
        <LabeledField label="Section" {...field("sectionId")}>
          <select
            value={story.sectionId ?? ""}
            onChange={(event) => dispatch({ type: "edit", patch: { sectionId: Number(event.target.value) || null } })}
            {...control("sectionId")}
          >
            <option value="">Choose…</option>
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.path}
              </option>
            ))}
          </select>
        </LabeledField>
      </div>
    </>
  );
}

export function TagsField({ draft, dispatch, disabled }: Omit<Props, "sections">) {
  const error = draft.fieldErrors.tags;
  return (
    <LabeledField htmlFor="tags" label="Tags" hint="Separate tags with commas." error={error} errorId="tags-error">
      <input
        id="tags"
        type="text"
        value={draft.tagsText}
        disabled={disabled}
        onChange={(event) => dispatch({ type: "edit-tags", text: event.target.value })}
        {...invalidProps(error, "tags-error")}
      />
    </LabeledField>
  );
}
