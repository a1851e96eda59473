"use client";

import { useEffect } from "react";
import { useLiveAudio } from "./live-audio";

/**
 * The Audio Only player: play/pause, volume and what is playing. The <audio> element and the
 * Media Session belong to the site-wide LiveAudioProvider, so the stream plays on (in the mini
 * player) when the reader leaves this page. Low bandwidth: audio only, nothing starts by itself.
 */
export function LiveAudioPlayer({
  src,
  title,
  nowPlaying,
  artwork = null,
}: {
  src: string;
  title: string;
  nowPlaying: string | null;
  artwork?: string | null;
}) {
  const { stream, playing, volume, error, load, play, pause, setVolume, showOnPage } = useLiveAudio();

  useEffect(() => {
    load({ src, title, nowPlaying, artwork });
  }, [load, src, title, nowPlaying, artwork]);

  // While this player is on the page, the mini player of the same stream is not needed.
  useEffect(() => {
    showOnPage(src);
    return () => showOnPage(null);
  }, [showOnPage, src]);

  // Another stream may still be playing until the reader presses Play on this one.
  const isPlaying = playing && stream?.src === src;
  return (
    <div className="audio-player">
      <button
        type="button"
        className="audio-toggle"
        onClick={() => (isPlaying ? pause() : play({ src, title, nowPlaying, artwork }))}
      >
        {isPlaying ? "Pause" : "Play"}
        <span className="visually-hidden"> {title}</span>
      </button>
      <label className="audio-volume">
        Volume
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={volume}
          aria-valuetext={`${Math.round(volume * 100)}%`}
          onChange={(event) => setVolume(Number(event.target.value))}
        />
      </label>
      <p className="audio-now" aria-live="polite">
        {isPlaying ? "Playing" : "Paused"}: {nowPlaying ?? title}
      </p>
      {error && stream?.src === src && (
        <p className="audio-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
