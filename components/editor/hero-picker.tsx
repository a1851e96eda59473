"use client";

/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */

import { useState } from "react";
import { FieldError, LabeledField, invalidProps } from "./field";
import { MediaChoices } from "./media-choices";
import { MediaUpload } from "./media-upload";

export interface MediaItem {
  id: number;
  src: string;
  thumb?: string;
  alt: string;
  caption: string;
  credit: string;
}

type HeroFields = { hero: MediaItem | null; heroAlt: string; heroCaption: string; heroCredit: string };
type Props = {
  story: HeroFields;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (patch: Partial<HeroFields>) => void;
};

/** Alt text, caption and credit of the chosen image. */
function HeroText({ story, errors, disabled, onChange }: Props) {
  return (
    <>
      <LabeledField htmlFor="heroAlt" label="Hero alt text (required)" hint="What the image shows, for people who cannot see it." error={errors.heroAlt} errorId="heroAlt-error">
        <input
          id="heroAlt"
          type="text"
          value={story.heroAlt}
          maxLength={500}
          disabled={disabled}
          onChange={(event) => onChange({ heroAlt: event.target.value })}
          {...invalidProps(errors.heroAlt, "heroAlt-error")}
        />
      </LabeledField>
      <LabeledField htmlFor="heroCaption" label="Hero caption">
        <input id="heroCaption" type="text" value={story.heroCaption} maxLength={500} disabled={disabled} onChange={(event) => onChange({ heroCaption: event.target.value })} />
      </LabeledField>
      <LabeledField htmlFor="heroCredit" label="Hero credit">
        <input id="heroCredit" type="text" value={story.heroCredit} maxLength={200} disabled={disabled} onChange={(event) => onChange({ heroCredit: event.target.value })} />
      </LabeledField>
    </>
  );
}

/** The library to choose from, loaded when opened; what the story already has in alt, caption and credit is kept. */
function HeroLibrary({ story, onChange }: Pick<Props, "story" | "onChange">) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Media library</summary>
      {open && (
        <MediaChoices
          label="Images in the media library"
          chosenId={story.hero?.id ?? null}
          onChoose={(item) =>
            onChange({ hero: item, heroAlt: story.heroAlt || item.alt, heroCaption: story.heroCaption || item.caption, heroCredit: story.heroCredit || item.credit })
          }
        />
      )}
    </details>
  );
}

/** The hero image: chosen from the media library, with its alt text (required), caption and credit. */
export function HeroPicker({ story, errors, disabled, onChange }: Props) {
  const value = story.hero;
  return (
    <fieldset className="field hero-picker">
      <legend>Hero image</legend>
      {value ? (
        <div className="hero-chosen">
          <img src={value.src} alt="" width={240} height={135} />
          <button type="button" className="link-button" disabled={disabled} onClick={() => onChange({ hero: null })}>
            Remove image
          </button>
        </div>
      ) : (
        <p className="muted">No image. Upload one, or choose one from the library.</p>
      )}
      <FieldError id="heroMediaId-error" error={errors.heroMediaId} />
      {value && <HeroText story={story} errors={errors} disabled={disabled} onChange={onChange} />}
      {!disabled && (
        <details>
          <summary>Upload a new image</summary>
          <MediaUpload onUploaded={(item) => onChange({ hero: item, heroAlt: item.alt, heroCaption: item.caption, heroCredit: item.credit })} />
        </details>
      )}
      {!disabled && <HeroLibrary story={story} onChange={onChange} />}
    </fieldset>
  );
}
