"use client";

import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { loadHlsAttacher } from "./hls-attacher";
import { LiveAudioController, type LiveAudioState, type LiveAudioStream } from "./live-audio-controller";
import { connectMediaSession } from "./live-audio-session";
import { useLiveStatus } from "./live-status";

// The mini player's code is fetched only once the reader has started the audio (React's lazy:
// next/dynamic would add more code of its own than the mini player weighs).
const MiniPlayer = lazy(() => import("./mini-player").then((module) => ({ default: module.MiniPlayer })));

export type LiveAudio = LiveAudioState & {
  /** The stream a full player on the page shows (Audio Only), if any: the mini player steps aside for it. */
  shownOnPage: string | null;
  showOnPage: (src: string | null) => void;
  load: (info: LiveAudioStream) => void;
  /** Plays the loaded stream, or `info` (replacing the loaded one) when given. */
  play: (info?: LiveAudioStream) => void;
  pause: () => void;
  toggle: () => void;
  setVolume: (volume: number) => void;
  stop: () => void;
};

const LiveAudioContext = createContext<LiveAudio | null>(null);

export function useLiveAudio(): LiveAudio {
  const value = useContext(LiveAudioContext);
  if (!value) throw new Error("useLiveAudio() needs a <LiveAudioProvider> above it");
  return value;
}

/** The controller of the page's live audio, its state, and the Media Session kept in step with it. */
function useLiveAudioController(siteName: string) {
  const [controller] = useState(() => new LiveAudioController<HTMLAudioElement>({ loadHls: loadHlsAttacher, baseUrl: () => window.location.href }));
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);

  useEffect(() => {
    if (!("mediaSession" in navigator)) return;
    return connectMediaSession(navigator.mediaSession, controller, siteName, (init) => new MediaMetadata(init));
  }, [controller, siteName]);

  useEffect(() => () => controller.destroy(), [controller]);

  const { audio: onAir } = useLiveStatus();
  useEffect(() => controller.setOnAir(onAir), [controller, onAir]);
  return { controller, state };
}

/**
 * Owns the one <audio> element of the site, so the stream keeps playing while the reader moves
 * between pages: the site layout (and so this provider) survives client navigation. What it does
 * with the element is the controller's (./live-audio-controller.ts).
 */
export function LiveAudioProvider({ siteName, children }: { siteName: string; children: React.ReactNode }) {
  const { controller, state } = useLiveAudioController(siteName);
  const [shownOnPage, showOnPage] = useState<string | null>(null);
  const { load, play, pause, toggle, setVolume, stop, setElement, onPlay, onPause, onEnded, onVolumeChange, onError } = controller;

  const value = useMemo<LiveAudio>(
    () => ({ ...state, shownOnPage, showOnPage, load, play, pause, toggle, setVolume, stop }),
    [state, shownOnPage, load, play, pause, toggle, setVolume, stop],
  );

  return (
    <LiveAudioContext.Provider value={value}>
      {children}
      <audio
        ref={setElement}
        loop
        preload="none"
        aria-label={state.stream ? `${state.stream.title}, live audio` : `${siteName} live audio`}
        onPlay={onPlay}
        onPause={onPause}
        onEnded={onEnded}
        onVolumeChange={(event) => onVolumeChange(event.currentTarget.volume)}
        onError={(event) => onError(event.currentTarget.error?.code)}
      />
      {state.started && (
        <Suspense fallback={null}>
          <MiniPlayer audio={value} />
        </Suspense>
      )}
    </LiveAudioContext.Provider>
  );
}
