"use client";

import { useEffect, useState } from "react";
import { useHls } from "./live-player";

/**
 * The Audio Only player: play/pause, volume and what is playing, with Media Session metadata so
 * lock screens and headphones control it. Low bandwidth: audio only, nothing starts by itself.
 */
export function LiveAudioPlayer({ src, title, nowPlaying, siteName }: { src: string; title: string; nowPlaying: string | null; siteName: string }) {
  const media = useHls(src);
  const [playing, setPlaying] = useState(false);
  const [volume, setVolume] = useState(1);

  useEffect(() => {
    const element = media.current;
    if (!element) return;
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    element.addEventListener("play", onPlay);
    element.addEventListener("pause", onPause);
    if ("mediaSession" in navigator) {
      navigator.mediaSession.metadata = new MediaMetadata({ title: nowPlaying ?? title, artist: title, album: siteName });
      navigator.mediaSession.setActionHandler("play", () => void element.play());
      navigator.mediaSession.setActionHandler("pause", () => element.pause());
    }
    return () => {
      element.removeEventListener("play", onPlay);
      element.removeEventListener("pause", onPause);
    };
  }, [media, nowPlaying, title, siteName]);

  return (
    <div className="audio-player">
      <audio ref={media as React.RefObject<HTMLAudioElement>} loop preload="none" aria-label={`${title}, live audio`} />
      <button
        type="button"
        className="audio-toggle"
        aria-pressed={playing}
        onClick={() => {
          const element = media.current;
          if (!element) return;
          if (element.paused) void element.play();
          else element.pause();
        }}
      >
        {playing ? "Pause" : "Play"}
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
          onChange={(event) => {
            const next = Number(event.target.value);
            setVolume(next);
            if (media.current) media.current.volume = next;
          }}
        />
      </label>
      <p className="audio-now" aria-live="polite">
        {playing ? "Playing" : "Paused"}: {nowPlaying ?? title}
      </p>
    </div>
  );
}
