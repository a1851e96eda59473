// Pages already open (often cached HTML) learn when a stream goes off air or back on: while the
// page is visible, GET /api/live every POLL_INTERVAL_MS, and at once when the tab is shown again.
// Nothing is fetched while the tab is hidden. Plain code over the document and timers it is
// handed, so Vitest runs its rules without a browser.

/** Which kinds of stream are on air with an address to play. */
export type OnAir = { video: boolean; audio: boolean };

export const POLL_INTERVAL_MS = 25_000;

interface PollerDeps {
  /** The streams' status now (GET /api/live); a failure keeps what is known. */
  fetchOnAir: () => Promise<OnAir>;
  onChange: (onAir: OnAir) => void;
  isVisible: () => boolean;
  /** Calls `listener` when the page is shown or hidden; answers how to stop. */
  watchVisibility: (listener: () => void) => () => void;
  setInterval: (run: () => void, ms: number) => number;
  clearInterval: (handle: number) => void;
}

/** What GET /api/live says, read as OnAir: a stream is on air when it has a playable address. */
export function onAirOf(body: unknown): OnAir {
  const streams = (body as { streams?: { kind?: unknown; url?: unknown }[] } | null)?.streams;
  if (!Array.isArray(streams)) throw new Error("Not a live status");
  const playing = (kind: string) => streams.some((stream) => stream.kind === kind && typeof stream.url === "string");
  return { video: playing("video"), audio: playing("audio") };
}

/** Starts polling; answers a function that stops it for good. */
export function pollLiveStatus(deps: PollerDeps): () => void {
  let timer: number | null = null;
  let inFlight = false;
  let stopped = false;

  const poll = () => {
    if (inFlight || stopped) return;
    inFlight = true;
    deps
      .fetchOnAir()
      .then((onAir) => {
        if (!stopped) deps.onChange(onAir);
      })
      .catch(() => {})
      .finally(() => (inFlight = false));
  };
  const pause = () => {
    if (timer !== null) deps.clearInterval(timer);
    timer = null;
  };
  const resume = () => {
    if (timer === null) timer = deps.setInterval(poll, POLL_INTERVAL_MS);
  };
  const onVisibility = () => {
    if (deps.isVisible()) {
      poll();
      resume();
    } else {
      pause();
    }
  };

  if (deps.isVisible()) resume();
  const unwatch = deps.watchVisibility(onVisibility);
  return () => {
    stopped = true;
    pause();
    unwatch();
  };
}
