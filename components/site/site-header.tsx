import Image from "next/image";
import { SiteLink } from "./site-link";
import type { SectionNode } from "@/lib/sections/queries";
import { Logo } from "./logo";
import { SectionLinks } from "./section-links";

export function SiteHeader({
  siteName,
  logo = null,
  sections,
  onAir,
}: {
  siteName: string;
  /** A logo chosen under Settings, in place of the mark (the name still sits beside it). */
  logo?: { src: string; width: number; height: number } | null;
  sections: SectionNode[];
  /** Which streams are on air: the Live links show it. */
  onAir: { video: boolean; audio: boolean };
}) {
  return (
    <header className="masthead">
      <div className="masthead-top">
        <nav aria-label="Live streams" className="live-links">
          <SiteLink href="/live" className="live-link">
            {onAir.video && <span className="live-dot" aria-hidden="true" />}
            Live
            {onAir.video && <span className="on-air-badge">On air</span>}
          </SiteLink>
          <SiteLink href="/live/audio" className="live-link">
            Audio Only
            {onAir.audio && <span className="on-air-badge">On air</span>}
          </SiteLink>
        </nav>
      </div>
      <div className="brand">
        <SiteLink href="/" className="brand-link">
          {logo ? (
            <Image className="brand-logo" src={logo.src} width={logo.width} height={logo.height} alt="" sizes="48px" priority />
          ) : (
            <Logo className="brand-logo" />
          )}
          <span className="brand-name">{siteName}</span>
        </SiteLink>
      </div>
      <nav aria-label="Sections" className="section-nav">
        <SectionLinks sections={sections} />
      </nav>
    </header>
  );
}
