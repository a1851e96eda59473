import type { Metadata } from "next";
import { LiveAudioPlayer } from "@/components/site/live-audio-player";
import { LiveSchedule } from "@/components/site/live-schedule";
import { OffAir } from "@/components/site/off-air";
import { getCachedLiveOverview } from "@/lib/live/cached";

// GET /live/audio – the audio-only stream, for low bandwidth.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audio Only", description: "Listen to our live audio stream." };

export default async function AudioPage() {
  const stream = (await getCachedLiveOverview()).find((s) => s.kind === "audio");
  if (!stream?.playable) return <OffAir title="Audio Only" kind="audio" next={stream?.next ?? null} />;
  return (
    <div className="live-page">
      <p className="kicker">
        <span className="live-dot" aria-hidden="true" /> On air
      </p>
      <h1>Audio Only</h1>
      <p className="live-stream-name">{stream.title}</p>
      <LiveAudioPlayer src={stream.url} title={stream.title} nowPlaying={stream.now?.title ?? null} artwork={stream.poster?.src ?? null} />
      <LiveSchedule stream={stream} />
    </div>
  );
}
