"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState } from "react";
import { onAirOf, pollLiveStatus, type OnAir } from "./live-status-poller";

// The streams' status on every page of the site: first as the server rendered it, then as
// GET /api/live says while the page stays open (./live-status-poller.ts). The header's on-air
// marks, the live pages and the mini player follow it.

type LiveStatus = OnAir & {
  /** When the status was last polled (ms), or 0 while it is the server's. */
  polledAt: number;
};

const LiveStatusContext = createContext<LiveStatus>({ video: false, audio: false, polledAt: 0 });

export const useLiveStatus = (): LiveStatus => useContext(LiveStatusContext);

export function LiveStatusProvider({ initial, children }: { initial: OnAir; children: React.ReactNode }) {
  const [polled, setPolled] = useState<LiveStatus | null>(null);

  useEffect(
    () =>
      pollLiveStatus({
        fetchOnAir: async () => onAirOf(await (await fetch("/api/live")).json()),
        onChange: (onAir) => setPolled({ ...onAir, polledAt: Date.now() }),
        isVisible: () => document.visibilityState === "visible",
        watchVisibility: (listener) => {
          document.addEventListener("visibilitychange", listener);
          return () => document.removeEventListener("visibilitychange", listener);
        },
        setInterval: (run, ms) => window.setInterval(run, ms),
        clearInterval: (handle) => window.clearInterval(handle),
      }),
    [],
  );

  return <LiveStatusContext.Provider value={polled ?? { ...initial, polledAt: 0 }}>{children}</LiveStatusContext.Provider>;
}

/**
 * Whether a poll made since this page was shown says `kind` is on air: null until one has (an
 * older poll, or the server's own status, may predate the page), else the moment of that poll.
 */
function usePolledSinceShown(kind: keyof OnAir): { onAir: boolean; polledAt: number } | null {
  const status = useLiveStatus();
  const [shownAt] = useState(() => Date.now());
  return status.polledAt > shownAt ? { onAir: status[kind], polledAt: status.polledAt } : null;
}

/** A live page's on-air content, replaced by its off-air notice once a poll since it was shown says so. */
export function OnAirOnly({ kind, offAir, children }: { kind: keyof OnAir; offAir: React.ReactNode; children: React.ReactNode }) {
  const polled = usePolledSinceShown(kind);
  return polled && !polled.onAir ? offAir : children;
}

/**
 * A live page's off-air notice, which asks the server for the page again once a poll since it was
 * shown says its stream is back on air: the player comes back without a reload (the live pages are
 * rendered per request, so the refresh brings the stream and its schedule).
 */
export function OffAirUntilBack({ kind, children }: { kind: keyof OnAir; children: React.ReactNode }) {
  const polled = usePolledSinceShown(kind);
  const router = useRouter();
  // Once per poll that says so: a refresh that raced the server's own cache is tried again.
  const backOnAirAt = polled?.onAir ? polled.polledAt : 0;
  useEffect(() => {
    if (backOnAirAt) router.refresh();
  }, [backOnAirAt, router]);
  return children;
}
