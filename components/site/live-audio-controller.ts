// The site's live audio as a plain object: which stream is loaded, whether it plays, and how a
// press on Play becomes sound. It knows no React and no browser globals — the provider hands it
// the <audio> element, a loader for HLS playback and the page's address — so its rules run in
// tests without a browser. Nothing plays until the reader presses Play; the source is attached
// then, and HLS segments load only while playing (low bandwidth).

/** A live audio stream as the players show it. */
export type LiveAudioStream = {
  src: string;
  title: string;
  nowPlaying: string | null;
  /** The stream's poster, as lock-screen art. */
  artwork?: string | null;
};

export type LiveAudioState = {
  stream: LiveAudioStream | null;
  playing: boolean;
  volume: number;
  /** Played at least once and not stopped: the mini player is shown. */
  started: boolean;
  /** A short message when the stream could not be played. */
  error: string | null;
  /** The desk took the audio stream off air while the page was open: nothing plays until it is back. */
  offAir: boolean;
};

/** The parts of an <audio> element the controller uses. */
export interface MediaElementLike {
  readonly paused: boolean;
  volume: number;
  src: string;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  removeAttribute(name: string): void;
}

/** HLS playback attached to an element; it loads segments only between startLoad and stopLoad. */
export interface HlsPlayback {
  startLoad(): void;
  stopLoad(): void;
  destroy(): void;
}

/** Attaches HLS playback of `src` to `element`, or answers null where HLS cannot be played this way. */
export type HlsAttacher<E> = (src: string, element: E, onFatalError: () => void) => HlsPlayback | null;

interface LiveAudioDeps<E> {
  /** Fetches the HLS library (a large chunk, fetched only when an HLS stream is loaded). */
  loadHls: () => Promise<HlsAttacher<E>>;
  /** The page's address, against which a stream's path is read. */
  baseUrl: () => string;
}

export const PLAY_FAILED = "The audio stream could not be played. Please try again later.";
export const PLAY_BLOCKED = "The browser blocked playback. Press Play to listen.";
/** MediaError.MEDIA_ERR_ABORTED: the source was taken away, which is no failure. */
const MEDIA_ERR_ABORTED = 1;

const initialState: LiveAudioState = { stream: null, playing: false, volume: 1, started: false, error: null, offAir: false };

export class LiveAudioController<E extends MediaElementLike = MediaElementLike> {
  private state = initialState;
  private readonly listeners = new Set<() => void>();
  private element: E | null = null;
  private attachHls: HlsAttacher<E> | null = null;
  private hls: HlsPlayback | null = null;
  /** The source attached to the element, if any. */
  private attached: string | null = null;
  private loading = false;
  private wantsToPlay = false;

  private readonly deps: LiveAudioDeps<E>;

  constructor(deps: LiveAudioDeps<E>) {
    this.deps = deps;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = () => this.state;

  setElement = (element: E | null) => {
    this.element = element;
  };

  /** Shows `info` in the players; another stream that is playing keeps playing until Play is pressed on this one. */
  load = (info: LiveAudioStream) => {
    const loaded = this.state.stream;
    if (loaded?.src === info.src) {
      const artwork = info.artwork ?? null;
      if (loaded.nowPlaying === info.nowPlaying && loaded.title === info.title && (loaded.artwork ?? null) === artwork) return;
      this.update({ stream: { ...loaded, title: info.title, nowPlaying: info.nowPlaying, artwork } });
      return;
    }
    if (loaded && this.element && !this.element.paused) return;
    this.replace(info);
  };

  /** Plays the loaded stream, or `info` (replacing the loaded one) when given. */
  play = (info?: LiveAudioStream) => {
    if (info && info.src !== this.state.stream?.src) this.replace(info);
    const target = this.state.stream;
    const element = this.element;
    if (!target || !element) return;
    this.wantsToPlay = true;
    this.update({ started: true, error: null, offAir: false });
    const start = () => {
      // The reader may have paused or switched streams while the HLS library was loading.
      if (!this.wantsToPlay || this.state.stream !== target) return;
      this.attach(element, target.src);
      this.startLoading();
      element.play().catch((reason: unknown) => {
        const name = reason instanceof DOMException ? reason.name : "";
        if (name === "AbortError") return;
        if (name === "NotAllowedError") this.update({ error: PLAY_BLOCKED });
        else this.fail();
      });
    };
    if (this.attached === target.src || !this.isHls(target.src) || this.attachHls) start();
    else this.fetchHls().then(start, () => this.fail());
  };

  pause = () => {
    this.wantsToPlay = false;
    this.element?.pause();
  };

  toggle = () => {
    if (this.element && !this.element.paused) this.pause();
    else this.play();
  };

  setVolume = (next: number) => {
    const volume = Math.min(1, Math.max(0, next));
    this.update({ volume });
    if (this.element) this.element.volume = volume;
  };

  stop = () => {
    this.detach();
    this.update({ stream: null, started: false, error: null });
  };

  /**
   * The audio stream's status as the page last heard it (./live-status-poller.ts). Off air, the
   * stream stops cleanly (no more segments are fetched) and the players say so; back on air,
   * Play works again. A reader who presses Play meanwhile is trusted: the page they pressed it
   * on is newer than the status.
   */
  setOnAir = (onAir: boolean) => {
    if (!onAir && this.state.stream) this.detach();
    this.update({ offAir: !onAir });
  };

  /** The element's own events, as the provider passes them on. */
  onPlay = () => {
    this.update({ playing: true });
    this.startLoading();
  };

  onPause = () => {
    this.update({ playing: false });
    this.stopLoading();
  };

  onEnded = () => this.update({ playing: false });

  onVolumeChange = (volume: number) => this.update({ volume });

  /** Detaching a source is not a failure; only a source that is attached can fail. */
  onError = (code: number | undefined) => {
    if (this.attached && code !== undefined && code !== MEDIA_ERR_ABORTED) this.fail();
  };

  destroy = () => this.hls?.destroy();

  private update(patch: Partial<LiveAudioState>) {
    const next = { ...this.state, ...patch };
    if ((Object.keys(patch) as (keyof LiveAudioState)[]).every((key) => next[key] === this.state[key])) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** HLS goes through the HLS library where it works; an Icecast URL or similar plays natively. */
  private isHls(src: string): boolean {
    return new URL(src, this.deps.baseUrl()).pathname.toLowerCase().endsWith(".m3u8");
  }

  private fetchHls(): Promise<HlsAttacher<E>> {
    return this.deps.loadHls().then((attachHls) => (this.attachHls = attachHls));
  }

  private replace(info: LiveAudioStream) {
    this.detach();
    this.update({ stream: info, started: false, error: null });
    // Fetch the HLS library now, so that play() can run within the click that asks for it.
    if (this.isHls(info.src)) this.fetchHls().catch(() => {});
  }

  private attach(element: E, src: string) {
    if (this.attached === src) return;
    this.detach();
    let playback: HlsPlayback | null = null;
    if (this.isHls(src) && this.attachHls) {
      playback = this.attachHls(src, element, () => {
        if (playback && this.hls === playback) this.fail();
      });
    }
    if (playback) this.hls = playback;
    else element.src = src;
    this.attached = src;
  }

  private detach() {
    this.wantsToPlay = false;
    this.loading = false;
    this.hls?.destroy();
    this.hls = null;
    if (this.element && this.attached) {
      this.element.pause();
      this.element.removeAttribute("src");
      this.element.load();
    }
    this.attached = null;
    this.update({ playing: false });
  }

  private fail() {
    this.detach();
    this.update({ error: PLAY_FAILED });
  }

  private startLoading() {
    if (!this.hls || this.loading) return;
    this.loading = true;
    this.hls.startLoad();
  }

  private stopLoading() {
    if (!this.hls || !this.loading) return;
    this.loading = false;
    this.hls.stopLoad();
  }
}
