"use client";

/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */

import { useId } from "react";
import type { MediaItem } from "./hero-picker";
import { useMediaSearch } from "./use-media-search";

type Props = {
  /** The image chosen now, marked as pressed; leave out where choosing adds (images in a body). */
  chosenId?: number | null;
  onChoose: (item: MediaItem) => void;
  /** The name of the list of images. */
  label: string;
};

/** What the picker says under its images: loading, nothing found, or a failure. */
function SearchStatus({ status, empty, q }: { status: string; empty: boolean; q: string }) {
  let text = "";
  if (status === "loading") text = "Loading images…";
  else if (status === "failed") text = "The media library could not be loaded. Try again.";
  else if (empty) text = q.trim() ? "No image matches this search." : "The media library is empty: upload an image first.";
  return (
    <p role="status" className="muted">
      {text}
    </p>
  );
}

/**
 * The whole media library to pick one image from (a story's hero, an image in its body, an
 * author's photo): searched by words of the alt text, caption, credit or file name, newest first,
 * a page at a time.
 */
export function MediaChoices({ chosenId, onChoose, label }: Props) {
  const id = useId();
  const search = useMediaSearch();
  return (
    <div className="media-choices">
      <label htmlFor={`${id}-q`}>Search the media library</label>
      <input
        id={`${id}-q`}
        type="search"
        value={search.q}
        placeholder="Alt text, caption, credit or file name"
        onChange={(event) => search.search(event.target.value)}
        // The picker sits inside forms (the story, an author): Enter searches, it does not submit.
        onKeyDown={(event) => event.key === "Enter" && event.preventDefault()}
      />
      <ul className="media-grid" aria-label={label}>
        {search.items.map((item) => (
          <li key={item.id}>
            <button type="button" className="media-choice" aria-pressed={chosenId === undefined ? undefined : chosenId === item.id} onClick={() => onChoose(item)}>
              <img src={item.thumb ?? item.src} alt="" width={160} height={90} loading="lazy" />
              <span>{item.alt}</span>
            </button>
          </li>
        ))}
      </ul>
      <SearchStatus status={search.status} empty={search.items.length === 0} q={search.q} />
      {search.nextCursor !== null && (
        <button type="button" className="button" disabled={search.status === "loading"} onClick={search.more}>
          More images
        </button>
      )}
    </div>
  );
}
