import type { ReactNode } from "react";
import { getCachedLiveOverview } from "@/lib/live/cached";
import type { StreamView } from "@/lib/live/queries";
import { LiveJsonLd } from "./live-json-ld";
import { LiveSchedule } from "./live-schedule";
import { OffAir } from "./off-air";
import { OffAirUntilBack, OnAirOnly } from "./live-status";

// Live and Audio Only are one page with two players: the stream of their kind on air, with its
// heading, player and schedule, or the off-air notice with the next show. Only the heading and
// the player differ, so each page passes just those.

export async function LiveStreamPage({
  kind,
  title,
  heading = () => title,
  children,
}: {
  kind: StreamView["kind"];
  /** The page's name: the off-air heading, and the on-air one unless `heading` says otherwise. */
  title: string;
  heading?: (stream: StreamView) => ReactNode;
  /** The player (and anything shown above it) for the stream on air. */
  children: (stream: StreamView) => ReactNode;
}) {
  const stream = (await getCachedLiveOverview()).find((s) => s.kind === kind);
  const offAir = <OffAir title={title} kind={kind} next={stream?.next ?? null} />;
  // Back on air while the notice is open: the page is asked for again and the player shows.
  if (!stream?.playable) return <OffAirUntilBack kind={kind}>{offAir}</OffAirUntilBack>;
  // Taken off air while the page is open: the notice replaces the player without a reload.
  return (
    <OnAirOnly kind={kind} offAir={offAir}>
      <div className="live-page">
        {kind === "video" && <LiveJsonLd stream={stream} />}
        <p className="kicker">
          <span className="live-dot" aria-hidden="true" /> On air
        </p>
        <h1>{heading(stream)}</h1>
        {children(stream)}
        <LiveSchedule stream={stream} />
      </div>
    </OnAirOnly>
  );
}
