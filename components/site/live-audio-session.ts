import type { LiveAudioController, LiveAudioStream } from "./live-audio-controller";

// Lock screens, headphones and media keys control the live audio while a stream is loaded: the
// Media Session shows what plays and passes Play, Pause and Stop to the controller. Plain code
// over the session object, so a test can hand it a fake one.

/** The parts of navigator.mediaSession used here. */
export interface MediaSessionLike {
  metadata: MediaMetadata | null;
  playbackState: MediaSessionPlaybackState;
  setActionHandler(action: MediaSessionAction, handler: MediaSessionActionHandler | null): void;
}

type MetadataFactory = (init: MediaMetadataInit) => MediaMetadata;

const ACTIONS = ["play", "pause", "stop"] as const;

/** Keeps `session` in step with `audio` until the returned function is called. */
export function connectMediaSession(
  session: MediaSessionLike,
  audio: Pick<LiveAudioController, "subscribe" | "getState" | "play" | "pause" | "stop">,
  siteName: string,
  createMetadata: MetadataFactory,
): () => void {
  const handlers = { play: () => audio.play(), pause: audio.pause, stop: audio.stop };
  let shown: LiveAudioStream | null | undefined;

  const sync = () => {
    const { stream, playing } = audio.getState();
    if (stream !== shown) {
      if (stream) {
        session.metadata = createMetadata({
          title: stream.nowPlaying ?? stream.title,
          artist: stream.title,
          album: siteName,
          artwork: stream.artwork ? [{ src: stream.artwork }] : [],
        });
        if (!shown) for (const action of ACTIONS) setActionHandler(session, action, handlers[action]);
      } else {
        session.metadata = null;
        if (shown) for (const action of ACTIONS) setActionHandler(session, action, null);
      }
      shown = stream;
    }
    session.playbackState = stream ? (playing ? "playing" : "paused") : "none";
  };

  sync();
  const unsubscribe = audio.subscribe(sync);
  return () => {
    unsubscribe();
    if (shown) for (const action of ACTIONS) setActionHandler(session, action, null);
  };
}

/** Browsers throw for actions they do not support ("stop" in some). */
function setActionHandler(session: MediaSessionLike, action: MediaSessionAction, handler: MediaSessionActionHandler | null) {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // Unsupported action: nothing to do.
  }
}
