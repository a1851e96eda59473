"use client";

/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */

import Link from "next/link";
import { useState } from "react";
import type { MediaItem } from "./hero-picker";
import { MediaUpload } from "./media-upload";

/** The media library page: upload, then browse what the newsroom has, with alt text, caption and credit. */
export function MediaLibrary({ initial, q }: { initial: MediaItem[]; q: string }) {
  const [items, setItems] = useState(initial);
  return (
    <>
      <h2>Upload an image</h2>
      <MediaUpload onUploaded={(item) => setItems((current) => [item, ...current])} />
      <h2>Library</h2>
      <form method="get" className="filters" role="search" aria-label="Search the media library">
        <label>
          Search alt text, captions, credits and file names
          <input type="search" name="q" defaultValue={q} />
        </label>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {items.length === 0 ? (
        <p className="empty">No images{q ? " match this search" : " yet"}.</p>
      ) : (
        <ul className="media-grid media-library">
          {items.map((item) => (
            <li key={item.id}>
              <img src={item.thumb ?? item.src} alt={item.alt} width={240} height={135} loading="lazy" />
              <p className="media-alt">{item.alt}</p>
              <Link href={`/editor/media/${item.id}`} aria-label={`Edit, see where it is used, or delete: ${item.alt}`}>
                Edit, where it is used
              </Link>
              {(item.caption || item.credit) && (
                <p className="muted">
                  {item.caption} {item.credit}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
