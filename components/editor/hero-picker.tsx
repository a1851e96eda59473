"use client";

/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */

import { MediaUpload } from "./media-upload";

export interface MediaItem {
  id: number;
  src: string;
  thumb?: string;
  alt: string;
  caption: string;
  credit: string;
}

/** The hero image: chosen from the media library, with its alt text (required), caption and credit. */
export function HeroPicker({
  media,
  value,
  alt,
  caption,
  credit,
  errors,
  disabled,
  onChange,
}: {
  media: MediaItem[];
  value: MediaItem | null;
  alt: string;
  caption: string;
  credit: string;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (patch: { hero?: MediaItem | null; heroAlt?: string; heroCaption?: string; heroCredit?: string }) => void;
}) {
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const error = (name: string) =>
    errors[name] ? (
      <span id={`${name}-error`} className="field-error">
        {errors[name]}
      </span>
    ) : null;
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
      {error("heroMediaId")}
      {value && (
        <>
          <div className="field">
            <label htmlFor="heroAlt">Hero alt text (required)</label>
            <span className="hint">What the image shows, for people who cannot see it.</span>
            <input id="heroAlt" type="text" value={alt} maxLength={500} disabled={disabled} onChange={(event) => onChange({ heroAlt: event.target.value })} {...invalid("heroAlt")} />
            {error("heroAlt")}
          </div>
          <div className="field">
            <label htmlFor="heroCaption">Hero caption</label>
            <input id="heroCaption" type="text" value={caption} maxLength={500} disabled={disabled} onChange={(event) => onChange({ heroCaption: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="heroCredit">Hero credit</label>
            <input id="heroCredit" type="text" value={credit} maxLength={200} disabled={disabled} onChange={(event) => onChange({ heroCredit: event.target.value })} />
          </div>
        </>
      )}
      {!disabled && (
        <details>
          <summary>Upload a new image</summary>
          <MediaUpload
            onUploaded={(item) =>
              onChange({ hero: item, heroAlt: item.alt, heroCaption: item.caption, heroCredit: item.credit })
            }
          />
        </details>
      )}
      {!disabled && media.length > 0 && (
        <details>
          <summary>Media library</summary>
          <ul className="media-grid">
            {media.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="media-choice"
                  aria-pressed={value?.id === item.id}
                  onClick={() =>
                    onChange({ hero: item, heroAlt: alt || item.alt, heroCaption: caption || item.caption, heroCredit: credit || item.credit })
                  }
                >
                  <img src={item.thumb ?? item.src} alt="" width={160} height={90} loading="lazy" />
                  <span>{item.alt}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </fieldset>
  );
}
