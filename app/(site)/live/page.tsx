import type { Metadata } from "next";
import { LiveVideo } from "@/components/site/live-player";
import { LiveStreamPage } from "@/components/site/live-stream-page";

// GET /live – the live video stream, what is on now and next, and the day's schedule.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Live", description: "Watch our live video stream." };

export default function LivePage() {
  return (
    <LiveStreamPage kind="video" title="Live" heading={(stream) => stream.title}>
      {(stream) => <LiveVideo src={stream.url} title={stream.title} poster={stream.poster?.src} />}
    </LiveStreamPage>
  );
}
