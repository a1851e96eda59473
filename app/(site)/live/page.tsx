import type { Metadata } from "next";
import { LiveVideo } from "@/components/site/live-player";
import { LiveStreamPage } from "@/components/site/live-stream-page";
import { getSiteSettings } from "@/lib/settings/cached";
import { siteRssAlternates } from "@/lib/feeds/addresses";
import { absoluteUrl } from "@/lib/routing/public-urls";
import { shareMetadata } from "@/lib/seo/open-graph";
import { siteShareImage } from "@/lib/seo/share-cards";

// GET /live – the live video stream, what is on now and next, and the day's schedule.
export const dynamic = "force-dynamic";

// A function, not a constant: SITE_URL is read when the page is served, not when it is built.
// Setting `alternates` replaces the layout's, so the site feed is named here again.
export async function generateMetadata(): Promise<Metadata> {
  const { name: siteName } = await getSiteSettings();
  const description = "Watch our live video stream.";
  return {
    title: "Live",
    description,
    alternates: { canonical: absoluteUrl("/live"), types: siteRssAlternates(siteName) },
    ...(await shareMetadata({ title: `Live | ${siteName}`, description, path: "/live", image: siteShareImage(), imageAlt: siteName })),
  };
}

export default function LivePage() {
  return (
    <LiveStreamPage kind="video" title="Live" heading={(stream) => stream.title}>
      {(stream) => <LiveVideo src={stream.url} title={stream.title} poster={stream.poster?.src} />}
    </LiveStreamPage>
  );
}
