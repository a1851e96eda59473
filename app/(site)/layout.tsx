import { LiveAudioProvider } from "@/components/site/live-audio";
import { LiveStatusProvider } from "@/components/site/live-status";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import type { Metadata } from "next";
import { BreakingBanner } from "@/components/site/breaking-banner";
import { getCachedBanner } from "@/lib/front-page/cached";
import { getSiteSettings } from "@/lib/settings/cached";
import { siteRssAlternates } from "@/lib/feeds/addresses";
import { getCachedLiveOverview } from "@/lib/live/cached";
import { getCachedSectionTree } from "@/lib/sections/cached";
import { env, seedsDemoStories } from "@/lib/env";

/** The site feed for pages with none of their own; a page that sets `alternates` names its feed. */
export async function generateMetadata(): Promise<Metadata> {
  return { alternates: { types: siteRssAlternates((await getSiteSettings()).name) } };
}

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const [tree, live, site, banner] = await Promise.all([getCachedSectionTree(), getCachedLiveOverview(), getSiteSettings(), getCachedBanner()]);
  const onAir = { video: live.some((s) => s.kind === "video" && s.playable), audio: live.some((s) => s.kind === "audio" && s.playable) };
  const siteName = site.name;
  // The providers keep the streams' status current while a page stays open, and the live audio
  // (and its mini player) playing across client navigation.
  return (
    <LiveStatusProvider initial={onAir}>
      <LiveAudioProvider siteName={siteName}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <BreakingBanner banner={banner} />
        <SiteHeader siteName={siteName} logo={site.logo} sections={tree.roots} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter siteName={siteName} sections={tree.roots} demoNote={seedsDemoStories(env())} />
      </LiveAudioProvider>
    </LiveStatusProvider>
  );
}
