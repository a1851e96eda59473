import { SiteLink } from "./site-link";
import type { SectionNode } from "@/lib/sections/queries";
import { Logo } from "./logo";
import { SectionLinks } from "./section-links";

export function SiteHeader({
  siteName,
  sections,
  onAir,
}: {
  siteName: string;
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
          <Logo className="brand-logo" />
          <span className="brand-name">{siteName}</span>
        </SiteLink>
      </div>
      <nav aria-label="Sections" className="section-nav">
        <SectionLinks sections={sections} />
      </nav>
    </header>
  );
}
