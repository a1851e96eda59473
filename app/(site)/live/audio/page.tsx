import type { Metadata } from "next";
import { LiveAudioPlayer } from "@/components/site/live-audio-player";
import { LiveStreamPage } from "@/components/site/live-stream-page";
import { getSiteSettings } from "@/lib/settings/cached";
import { siteRssAlternates } from "@/lib/feeds/addresses";
import { absoluteUrl } from "@/lib/routing/public-urls";
import { shareMetadata } from "@/lib/seo/open-graph";
import { siteShareImage } from "@/lib/seo/share-cards";

// GET /live/audio – the audio-only stream, for low bandwidth.
export const dynamic = "force-dynamic";

// A function, not a constant: SITE_URL is read when the page is served, not when it is built.
// Setting `alternates` replaces the layout's, so the site feed is named here again.
export async function generateMetadata(): Promise<Metadata> {
  const { name: siteName } = await getSiteSettings();
  const description = "Listen to our live audio stream.";
  return {
    title: "Audio Only",
    description,
    alternates: { canonical: absoluteUrl("/live/audio"), types: siteRssAlternates(siteName) },
    ...(await shareMetadata({ title: `Audio Only | ${siteName}`, description, path: "/live/audio", image: siteShareImage(), imageAlt: siteName })),
  };
}

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
