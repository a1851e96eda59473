import type { Metadata } from "next";
import { LiveJsonLd } from "@/components/site/live-json-ld";
import { LiveVideo } from "@/components/site/live-player";
import { LiveSchedule } from "@/components/site/live-schedule";
import { OffAir } from "@/components/site/off-air";
import { getCachedLiveOverview } from "@/lib/live/cached";

// GET /live – the live video stream, what is on now and next, and the day's schedule.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Live", description: "Watch our live video stream." };

export default async function LivePage() {
  const stream = (await getCachedLiveOverview()).find((s) => s.kind === "video");
  if (!stream?.playable) return <OffAir title="Live" kind="video" next={stream?.next ?? null} />;
  return (
    <div className="live-page">
      <LiveJsonLd stream={stream} />
      <p className="kicker">
        <span className="live-dot" aria-hidden="true" /> On air
      </p>
      <h1>{stream.title}</h1>
      <LiveVideo src={stream.url} title={stream.title} poster={stream.poster?.src} />
      <LiveSchedule stream={stream} />
    </div>
  );
}
