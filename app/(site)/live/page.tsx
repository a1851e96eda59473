import type { Metadata } from "next";
import { JsonLd } from "@/components/site/json-ld";
import { LiveVideo } from "@/components/site/live-player";
import { LiveSchedule } from "@/components/site/live-schedule";
import { OffAir } from "@/components/site/off-air";
import { env } from "@/lib/env";
import { getCachedLiveOverview } from "@/lib/live/cached";

// GET /live – the live video stream, what is on now and next, and the day's schedule.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Live", description: "Watch our live video stream." };

export default async function LivePage() {
  const stream = (await getCachedLiveOverview()).find((s) => s.kind === "video");
  if (!stream?.playable) return <OffAir title="Live" kind="video" next={stream?.next ?? null} />;
  const { siteUrl, siteName } = env();
  const src = new URL(stream.url, siteUrl).toString();
  const poster = stream.poster ? new URL(stream.poster.src, siteUrl).toString() : undefined;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "VideoObject",
    name: stream.now?.title ?? stream.title,
    description: stream.now?.description || `${siteName} live`,
    ...(poster ? { thumbnailUrl: poster } : {}),
    contentUrl: src,
    embedUrl: `${siteUrl}/live`,
    uploadDate: stream.now?.startsAt ?? new Date().toISOString(),
    publication: {
      "@type": "BroadcastEvent",
      isLiveBroadcast: true,
      startDate: stream.now?.startsAt,
      endDate: stream.now?.endsAt,
    },
  };
  return (
    <div className="live-page">
      <JsonLd data={jsonLd} />
      <p className="kicker">
        <span className="live-dot" aria-hidden="true" /> On air
      </p>
      <h1>{stream.title}</h1>
      <LiveVideo src={stream.url} title={stream.title} poster={stream.poster?.src} />
      <LiveSchedule stream={stream} />
    </div>
  );
}
