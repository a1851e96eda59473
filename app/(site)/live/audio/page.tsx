import type { Metadata } from "next";
import { LiveAudioPlayer } from "@/components/site/live-audio-player";
import { LiveStreamPage } from "@/components/site/live-stream-page";

// GET /live/audio – the audio-only stream, for low bandwidth.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audio Only", description: "Listen to our live audio stream." };

export default function AudioPage() {
  return (
    <LiveStreamPage kind="audio" title="Audio Only">
      {(stream) => (
        <>
          <p className="live-stream-name">{stream.title}</p>
          <LiveAudioPlayer src={stream.url} title={stream.title} nowPlaying={stream.now?.title ?? null} artwork={stream.poster?.src ?? null} />
        </>
      )}
    </LiveStreamPage>
  );
}
