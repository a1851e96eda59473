"use client";

/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */

import type { MediaItem } from "./hero-picker";

/** The media library as buttons to pick one image from (a story's hero, an author's photo). */
export function MediaChoices({ media, chosenId, onChoose, label }: { media: MediaItem[]; chosenId: number | null; onChoose: (item: MediaItem) => void; label?: string }) {
  return (
    <ul className="media-grid" aria-label={label}>
      {media.map((item) => (
        <li key={item.id}>
          <button type="button" className="media-choice" aria-pressed={chosenId === item.id} onClick={() => onChoose(item)}>
            <img src={item.thumb ?? item.src} alt="" width={160} height={90} loading="lazy" />
            <span>{item.alt}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
