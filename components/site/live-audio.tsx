"use client";

import type HlsType from "hls.js";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { MiniPlayer } from "./mini-player";

/** A live audio stream as the players show it. */
export type LiveAudioStream = {
  src: string;
  title: string;
  nowPlaying: string | null;
  /** The stream's poster, as lock-screen art. */
  artwork?: string | null;
};

export type LiveAudio = {
  stream: LiveAudioStream | null;
  playing: boolean;
  volume: number;
  /** Played at least once and not stopped: the mini player is shown. */
  started: boolean;
  /** A short message when the stream could not be played. */
  error: string | null;
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

const PLAY_FAILED = "The audio stream could not be played. Please try again later.";

/** HLS goes through hls.js where it works; an Icecast URL or similar plays natively. */
function isHls(src: string): boolean {
  return new URL(src, window.location.href).pathname.toLowerCase().endsWith(".m3u8");
}

/**
 * Owns the one <audio> element of the site, so the stream keeps playing while the reader moves
 * between pages: the site layout (and so this provider) survives client navigation. Nothing plays
 * until the reader presses Play; the source is attached then, and hls.js only loads segments
 * while playing (low bandwidth).
 */
export function LiveAudioProvider({ siteName, children }: { siteName: string; children: React.ReactNode }) {
  const audio = useRef<HTMLAudioElement | null>(null);
  const hls = useRef<HlsType | null>(null);
  const hlsModule = useRef<typeof HlsType | null>(null);
  const current = useRef<LiveAudioStream | null>(null);
  const attached = useRef<string | null>(null);
  const loading = useRef(false);
  const wantsToPlay = useRef(false);
  const [stream, setStream] = useState<LiveAudioStream | null>(null);
  const [playing, setPlaying] = useState(false);
  const [volume, setVolumeState] = useState(1);
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shownOnPage, showOnPage] = useState<string | null>(null);

  const loadHlsModule = useCallback(
    () =>
      import("hls.js").then(({ default: module }) => {
        hlsModule.current = module;
        return module;
      }),
    [],
  );

  const detach = useCallback(() => {
    wantsToPlay.current = false;
    loading.current = false;
    hls.current?.destroy();
    hls.current = null;
    const element = audio.current;
    if (element && attached.current) {
      element.pause();
      element.removeAttribute("src");
      element.load();
    }
    attached.current = null;
    setPlaying(false);
  }, []);

  const fail = useCallback(
    (message: string) => {
      detach();
      setError(message);
    },
    [detach],
  );

  const attach = useCallback(
    (element: HTMLAudioElement, src: string) => {
      if (attached.current === src) return;
      detach();
      const Module = isHls(src) ? hlsModule.current : null;
      if (Module?.isSupported()) {
        // Segments load only once playing starts (startLoad), not when the source is attached.
        const instance = new Module({ autoStartLoad: false });
        instance.on(Module.Events.ERROR, (_event, data) => {
          if (data.fatal && hls.current === instance) fail(PLAY_FAILED);
        });
        instance.loadSource(src);
        instance.attachMedia(element);
        hls.current = instance;
      } else {
        element.src = src;
      }
      attached.current = src;
    },
    [detach, fail],
  );

  const startLoading = useCallback(() => {
    if (!hls.current || loading.current) return;
    loading.current = true;
    hls.current.startLoad();
  }, []);

  const stopLoading = useCallback(() => {
    if (!hls.current || !loading.current) return;
    loading.current = false;
    hls.current.stopLoad();
  }, []);

  const replace = useCallback(
    (info: LiveAudioStream) => {
      detach();
      current.current = info;
      setStream(info);
      setStarted(false);
      setError(null);
      // Fetch hls.js now, so that play() can run within the click that asks for it.
      if (isHls(info.src)) void loadHlsModule().catch(() => {});
    },
    [detach, loadHlsModule],
  );

  const load = useCallback(
    (info: LiveAudioStream) => {
      const loaded = current.current;
      if (loaded?.src === info.src) {
        const artwork = info.artwork ?? null;
        if (loaded.nowPlaying === info.nowPlaying && loaded.title === info.title && (loaded.artwork ?? null) === artwork) return;
        const next = { ...loaded, title: info.title, nowPlaying: info.nowPlaying, artwork };
        current.current = next;
        setStream(next);
        return;
      }
      // Another stream is playing: the reader switches by pressing Play on this one.
      if (loaded && audio.current && !audio.current.paused) return;
      replace(info);
    },
    [replace],
  );

  const play = useCallback(
    (info?: LiveAudioStream) => {
      if (info && info.src !== current.current?.src) replace(info);
      const target = current.current;
      const element = audio.current;
      if (!target || !element) return;
      wantsToPlay.current = true;
      setStarted(true);
      setError(null);
      const start = () => {
        // The reader may have paused or switched streams while hls.js was loading.
        if (!wantsToPlay.current || current.current !== target) return;
        attach(element, target.src);
        startLoading();
        element.play().catch((reason: unknown) => {
          if (reason instanceof DOMException && reason.name === "AbortError") return;
          if (reason instanceof DOMException && reason.name === "NotAllowedError") setError("The browser blocked playback. Press Play to listen.");
          else fail(PLAY_FAILED);
        });
      };
      if (attached.current === target.src || !isHls(target.src) || hlsModule.current) start();
      else loadHlsModule().then(start, () => fail(PLAY_FAILED));
    },
    [attach, fail, loadHlsModule, replace, startLoading],
  );

  const pause = useCallback(() => {
    wantsToPlay.current = false;
    audio.current?.pause();
  }, []);

  const toggle = useCallback(() => {
    if (audio.current && !audio.current.paused) pause();
    else play();
  }, [pause, play]);

  const setVolume = useCallback((next: number) => {
    const clamped = Math.min(1, Math.max(0, next));
    setVolumeState(clamped);
    if (audio.current) audio.current.volume = clamped;
  }, []);

  const stop = useCallback(() => {
    detach();
    current.current = null;
    setStream(null);
    setStarted(false);
    setError(null);
  }, [detach]);

  // Lock screens, headphones and media keys control the stream while one is loaded.
  useEffect(() => {
    if (!("mediaSession" in navigator)) return;
    const session = navigator.mediaSession;
    const actions = { play: () => play(), pause, stop } as const;
    if (!stream) {
      session.metadata = null;
      return;
    }
    session.metadata = new MediaMetadata({
      title: stream.nowPlaying ?? stream.title,
      artist: stream.title,
      album: siteName,
      artwork: stream.artwork ? [{ src: stream.artwork }] : [],
    });
    for (const [action, handler] of Object.entries(actions)) setActionHandler(session, action as MediaSessionAction, handler);
    return () => {
      for (const action of Object.keys(actions)) setActionHandler(session, action as MediaSessionAction, null);
    };
  }, [stream, siteName, play, pause, stop]);

  useEffect(() => {
    if ("mediaSession" in navigator) navigator.mediaSession.playbackState = stream ? (playing ? "playing" : "paused") : "none";
  }, [stream, playing]);

  useEffect(() => () => hls.current?.destroy(), []);

  const value = useMemo<LiveAudio>(
    () => ({ stream, playing, volume, started, error, shownOnPage, showOnPage, load, play, pause, toggle, setVolume, stop }),
    [stream, playing, volume, started, error, shownOnPage, load, play, pause, toggle, setVolume, stop],
  );

  return (
    <LiveAudioContext.Provider value={value}>
      {children}
      <audio
        ref={audio}
        loop
        preload="none"
        aria-label={stream ? `${stream.title}, live audio` : `${siteName} live audio`}
        onPlay={() => {
          setPlaying(true);
          startLoading();
        }}
        onPause={() => {
          setPlaying(false);
          stopLoading();
        }}
        onEnded={() => setPlaying(false)}
        onVolumeChange={(event) => setVolumeState(event.currentTarget.volume)}
        onError={(event) => {
          // Detaching a source is not a failure; only a source that is attached can fail.
          const code = event.currentTarget.error?.code;
          if (attached.current && code !== undefined && code !== MediaError.MEDIA_ERR_ABORTED) fail(PLAY_FAILED);
        }}
      />
      <MiniPlayer audio={value} />
    </LiveAudioContext.Provider>
  );
}

/** Browsers throw for actions they do not support ("stop" in some). */
function setActionHandler(session: MediaSession, action: MediaSessionAction, handler: MediaSessionActionHandler | null) {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // Unsupported action: nothing to do.
  }
}
