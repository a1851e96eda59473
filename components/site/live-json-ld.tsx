import { env } from "@/lib/env";
import { getSiteSettings } from "@/lib/settings/cached";
import type { StreamView } from "@/lib/live/queries";
import { JsonLd } from "./json-ld";

/** VideoObject structured data for the live video stream, with the show on now as its broadcast. */
export async function LiveJsonLd({ stream }: { stream: StreamView }) {
  const { siteUrl } = env();
  const { name: siteName } = await getSiteSettings();
  const poster = stream.poster ? new URL(stream.poster.src, siteUrl).toString() : undefined;
  const data = {
    "@context": "https://schema.org",
    "@type": "VideoObject",
    name: stream.now?.title ?? stream.title,
    description: stream.now?.description || `${siteName} live`,
    ...(poster ? { thumbnailUrl: poster } : {}),
    contentUrl: new URL(stream.url, siteUrl).toString(),
    embedUrl: `${siteUrl}/live`,
    uploadDate: stream.now?.startsAt ?? new Date().toISOString(),
    publication: {
      "@type": "BroadcastEvent",
      isLiveBroadcast: true,
      startDate: stream.now?.startsAt,
      endDate: stream.now?.endsAt,
    },
  };
  return <JsonLd data={data} />;
}
