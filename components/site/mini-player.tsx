"use client";

import { SiteLink } from "./site-link";
import { useEffect, useRef } from "react";
import type { LiveAudio } from "./live-audio";

const AUDIO_PAGE = "/live/audio";

/**
 * The bar at the bottom of every page once the reader has started the live audio, so it keeps
 * playing (and can be paused or closed) while they read on. It steps aside only for a full player
 * of the same stream (Audio Only on air); Audio Only off air, or showing another address, keeps it.
 */
export function MiniPlayer({ audio }: { audio: LiveAudio }) {
  const { stream, started, shownOnPage } = audio;
  if (!stream || !started || shownOnPage === stream.src) return null;
  return <MiniPlayerBar audio={audio} />;
}

function MiniPlayerBar({ audio }: { audio: LiveAudio }) {
  const { stream, playing, error, offAir, toggle, stop } = audio;
  const bar = useRef<HTMLElement | null>(null);

  // The page keeps room for the bar at its foot, so it never covers the footer or a focused link.
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    root.classList.add("has-mini-player");
    const observer = new ResizeObserver(() => root.style.setProperty("--mini-player-height", `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.classList.remove("has-mini-player");
      root.style.removeProperty("--mini-player-height");
    };
  }, []);

  if (!stream) return null;
  return (
    <section ref={bar} className="mini-player" aria-label="Audio player">
      <div className="mini-player-inner">
        {offAir ? (
          <p className="mini-player-off-air">
            <span className="off-air-dot" aria-hidden="true" /> <strong>{stream.title}</strong> — Off air
          </p>
        ) : (
          <>
            <button type="button" className="mini-player-toggle" onClick={toggle}>
              <span className="mini-player-icon" aria-hidden="true">
                {playing ? "❚❚" : "▶"}
              </span>
              {playing ? "Pause" : "Play"}
              <span className="visually-hidden"> {stream.title}</span>
            </button>
            <p className="mini-player-info">
              <span className="live-dot" aria-hidden="true" />
              <span className="mini-player-title">
                <strong>{stream.title}</strong>
                {stream.nowPlaying && <> — {stream.nowPlaying}</>}
              </span>
            </p>
          </>
        )}
        <p className="visually-hidden" aria-live="polite">
          {offAir ? "Off air" : playing ? "Playing" : "Paused"}
        </p>
        <SiteLink href={AUDIO_PAGE} className="mini-player-open">
          Open Audio Only
        </SiteLink>
        <button
          type="button"
          className="mini-player-close"
          onClick={() => {
            stop();
            // The button goes with the bar: keyboard focus moves to the page, not to nowhere.
            document.getElementById("main")?.focus({ preventScroll: true });
          }}
        >
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">Close the audio player</span>
        </button>
        {error && (
          <p className="mini-player-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
