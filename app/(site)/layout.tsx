import { LiveAudioProvider } from "@/components/site/live-audio";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import type { Metadata } from "next";
import { env } from "@/lib/env";
import { siteRssAlternates } from "@/lib/feeds/addresses";
import { getCachedLiveOverview } from "@/lib/live/cached";
import { getCachedSectionTree } from "@/lib/sections/cached";

/** The site feed for pages with none of their own; a page that sets `alternates` names its feed. */
export function generateMetadata(): Metadata {
  return { alternates: { types: siteRssAlternates(env().siteName) } };
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const [tree, live] = await Promise.all([getCachedSectionTree(), getCachedLiveOverview()]);
  const onAir = { video: live.some((s) => s.kind === "video" && s.playable), audio: live.some((s) => s.kind === "audio" && s.playable) };
  const { siteName } = env();
  // The provider keeps the live audio (and its mini player) playing across client navigation.
  return (
    <LiveAudioProvider siteName={siteName}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader siteName={siteName} sections={tree.roots} onAir={onAir} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter siteName={siteName} sections={tree.roots} />
    </LiveAudioProvider>
  );
}
